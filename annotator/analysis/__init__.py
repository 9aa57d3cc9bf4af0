"""Analysis of the annotations, Qt-free: the event comparison table and statistics tables.

Through a workspace (``ws.analysis``, an :class:`annotator.analysis.service.Analysis`):

* ``ws.analysis.event_table(event)`` / ``ws.analysis.event_tables()``: per event, one
  :class:`~annotator.analysis.records.Account` per document (figures, sources, who was hit,
  who is blamed, claims and denials, links), with the span ids behind every cell, and the
  discrepancy of each figure across accounts (``event_table``);
* ``ws.analysis.stats(by=("outlet", "label"))``: spans counted by outlet, alignment, label,
  day / week / month, verification, with spans per 1,000 words (``stats``);
* ``ws.analysis.most_quoted()``: the actors quoted as speaker, claimant or source.

``table_out`` turns both into JSON-ready dicts and flat rows (CSV).
"""
