"""Shells around the assistant: command line, Gradio page, widget and HTTP API."""
