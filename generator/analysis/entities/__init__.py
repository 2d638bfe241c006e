"""People, organisations and places: discovery of candidate names, then resolution."""
