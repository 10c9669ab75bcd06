"""One router per resource; api/main.py mounts them."""
