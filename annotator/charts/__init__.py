"""Charts for the statistics and event comparison views, as matplotlib figures (Qt-free).

The figures are built from plain tables (``Series``, ``RangeSeries``) with no pyplot state, so
the GUI embeds them in a canvas and the CLI or a test writes them to PNG or SVG
(``save_figure``). matplotlib is imported inside the functions: start-up does not pay for it.
"""
