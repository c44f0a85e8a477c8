"""Outbound iJw messages of the municipality (issue 5 §3): ``jw301`` (toewijzing) and ``jw319``
(antwoord op een verzoek) build schema-valid trees; ``versies`` says which version of each
allocation the provider must see. ``services/uitbox.py`` decides when they are sent."""
