"""The Streamlit agent console; it talks to the service over HTTP only."""
