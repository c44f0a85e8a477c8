"""One handler module per inbound message type. A handler takes an ``Inkomend`` and returns an
``Uitkomst`` with its retour; it changes state only through the domain services
(toewijzingen, declaraties). ``VERWERKERS`` is the explicit registry the receiver dispatches on."""
