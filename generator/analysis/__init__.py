"""The pure per-article stage: one Article and the site config in, one Analysis out.

One package or module per concern: pubdate, entities (recognise, discover), quotes,
timex, spelling; ``analyse`` runs them in order.
"""
