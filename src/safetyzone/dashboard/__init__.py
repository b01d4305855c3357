"""Dashboards of the national CCTV census (seed 002 L128-L140) and the map.

Pages under /dashboard/: overview (agencies answered, with cameras, cameras, working, not
working), status and repairs, network links and what linking would cost, proposed additions
(Part 2), footage requests (no data until the footage app exists), problems (Part 3), and a
map. Each is drillable with `?area=<2|4|6-digit code>` and `&organisation=<id>`, scoped by
`core.access`, and every chart has its table and a CSV download (`&download=<table>`).

Setting: SAFETYZONE_LINK_COST_BAHT (Django setting or environment variable, default 15000)
is the assumed cost in baht of linking one camera that is "local only" or "not linked" to a
control centre; the network view multiplies it by those cameras.
"""
