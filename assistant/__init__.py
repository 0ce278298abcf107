"""Understanding questions and answering them from the indexed reports, with citations."""
