"""Reading reports into the national template, chunking, embedding and storing them."""
