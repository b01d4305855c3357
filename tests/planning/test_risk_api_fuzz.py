"""No risk-point API call answers 5xx, also on real rows: schemathesis drives the risk-point
operations of our OpenAPI schema with ids mapped onto points of the editor's organisation,
another organisation's point and a closed one (tests/api/test_schemathesis.py covers the
whole schema, but has no risk points to aim at)."""

import hypothesis
import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error

from safetyzone.planning import risk_services
from tests.api.conftest import world  # noqa: F401
from tests.api.test_schemathesis import pick, same_db_connection  # noqa: F401
from tests.planning import world as planning_world

schema = schemathesis.openapi.from_wsgi(
    "/api/schema/", get_wsgi_application(), headers={"Accept-Language": "en"}
).include(path_regex="risk-points")


@pytest.fixture
def target(world, same_db_connection):  # noqa: F811
    token, _ = Token.objects.get_or_create(user=world.users["editor_a"])
    own = planning_world.risk_point(world.orgs.a, name="ซอยของเทศบาล", lat="14.589700", lon="100.455100")
    shut = planning_world.risk_point(world.orgs.a, name="จุดที่ปิดแล้ว", lat="14.589800", lon="100.455200")
    risk_services.close_point(world.users["sysadmin"], shut.pk, "รื้อแล้ว", without_measures=True)
    station = planning_world.risk_point(world.orgs.p, area="150101", name="ของสถานี")
    return {"headers": {"Authorization": f"Token {token.key}"}, "ids": [own.pk, shut.pk, station.pk]}


@schema.parametrize()
@hypothesis.settings(
    max_examples=25, derandomize=True, database=None, deadline=None, print_blob=True,
    suppress_health_check=list(hypothesis.HealthCheck),
)
def test_risk_point_api_has_no_server_errors(case, target):
    if "id" in (case.path_parameters or {}):
        case.path_parameters["id"] = pick(case.path_parameters["id"], target["ids"])
    case.call_and_validate(headers=target["headers"], checks=[not_a_server_error])
