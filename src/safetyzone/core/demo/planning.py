"""Demo planning data (issue 5): risk points, incidents, Safety Zones, road files and plans.

Each part of the planning app keeps its demo in its own module with `load(reset: bool)`; they
run in this order, since later parts use earlier ones (a zone counts the risk points inside it,
a plan covers a zone's streets). Each `load` does nothing when its data is there; `reset`
rebuilds it.
"""

from importlib import import_module

PARTS: list[str] = [
    "safetyzone.planning.demo_risk",
    "safetyzone.planning.demo_roads",
    "safetyzone.planning.demo_incidents",
    "safetyzone.planning.demo_zones",  # keep after the risk-point and incident demos: it counts them
    "safetyzone.planning.demo_plans",
]


def load(reset: bool = False) -> None:
    for path in PARTS:
        import_module(path).load(reset=reset)
