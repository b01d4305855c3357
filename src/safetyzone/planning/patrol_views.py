"""Patrol plan pages: points and schedule of a zone, the printable QR sheet, the phone's check-in
page, and the weekly check-in report (page and XLSX)."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from safetyzone.cameras.views import tile_settings
from safetyzone.core import access

from . import patrol_export, patrol_qr, patrol_selectors as sel, patrol_services as services
from .models import PatrolPoint, PatrolShift, SafetyZone
from .patrol_forms import WEEKDAYS, CheckinForm, PointForm, ShiftForm
from .zone_views import XLSX, _can_write, _zone


def _may_print(user, zone: SafetyZone) -> bool:
    """QR codes carry the check-in link: printed by those who patrol the zone (its organisation) or
    a system admin, not by readers through area or province sharing."""
    return access.is_system_admin(user) or access.can_check_in(user, PatrolPoint(zone=zone))


def _plan(request, zone: SafetyZone, status: int = 200, **forms):
    pts = sel.points(request.user, zone)
    plan = sel.shifts(request.user, zone)
    names = dict(WEEKDAYS)
    for s in plan:
        s.day_names = ", ".join(str(names[d]) for d in s.weekdays if d in names)
    ctx = {"zone": zone, "points": pts, "shifts": plan,
           "writable": _can_write(request.user, zone), "may_print": _may_print(request.user, zone),
           "point_form": PointForm(), "shift_form": ShiftForm(),
           "map_config": {"tiles": tile_settings(), "polygon": zone.polygon, "mode": "point",
                          "patrol": [{"lat": float(p.lat), "lon": float(p.lon), "label": p.name} for p in pts
                                     if p.active]}} | forms
    return render(request, "planning/patrol/plan.html", ctx, status=status)


@login_required
def patrol_plan(request, pk: int):
    return _plan(request, _zone(request.user, pk))


@login_required
@require_POST
def point_new(request, pk: int):
    zone = _zone(request.user, pk)
    form = PointForm(request.POST)
    if form.is_valid():
        try:
            services.save_point(request.user, zone, form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Patrol point added."))
            return redirect("planning:patrol", pk=pk)
    return _plan(request, zone, 400, point_form=form)


def _point(user, pk: int) -> PatrolPoint:
    point = access.scope(user, PatrolPoint.objects.select_related("zone")).filter(pk=pk).first()
    if point is None:
        raise Http404
    return point


@login_required
def point_edit(request, point_pk: int):
    point = _point(request.user, point_pk)
    if not _can_write(request.user, point.zone):
        raise PermissionDenied
    form = PointForm(request.POST or None, instance=point)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_point(request.user, point.zone, form.cleaned_data, point)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Patrol point saved."))
            return redirect("planning:patrol", pk=point.zone_id)
    return render(request, "planning/patrol/point.html", {"point": point, "zone": point.zone, "form": form},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def shift_new(request, pk: int):
    zone = _zone(request.user, pk)
    form = ShiftForm(request.POST)
    if form.is_valid():
        try:
            services.save_shift(request.user, zone, form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Shift added to the schedule."))
            return redirect("planning:patrol", pk=pk)
    return _plan(request, zone, 400, shift_form=form)


@login_required
@require_POST
def shift_delete(request, shift_pk: int):
    shift = access.scope(request.user, PatrolShift.objects.select_related("zone")).filter(pk=shift_pk).first()
    if shift is None:
        raise Http404
    services.delete_shift(request.user, shift)
    messages.success(request, _("Shift removed from the schedule."))
    return redirect("planning:patrol", pk=shift.zone_id)


@login_required
def qr_sheet(request, pk: int):
    zone = _zone(request.user, pk)
    if not _may_print(request.user, zone):
        raise PermissionDenied
    codes = [(p, patrol_qr.svg_inline(p), patrol_qr.checkin_url(p)) for p in sel.points(request.user, zone, active_only=True)]
    return render(request, "planning/patrol/qr_sheet.html", {"zone": zone, "codes": codes})


@login_required
def qr_png(request, point_pk: int):
    point = _point(request.user, point_pk)
    if not _may_print(request.user, point.zone):
        raise PermissionDenied
    return HttpResponse(patrol_qr.png_bytes(point), content_type="image/png")


@login_required
def checkin(request, token: str):
    point = PatrolPoint.objects.select_related("zone").filter(token=token).first()
    if point is None:
        raise Http404
    if not access.can_check_in(request.user, point):
        raise PermissionDenied  # nothing recorded
    if request.method == "POST":
        form = CheckinForm(request.POST)
        form.is_valid()  # every field is optional text; the service judges it
        d = form.cleaned_data
        record = services.check_in(request.user, point, stamp=d.get("stamp", ""), lat=d.get("lat"),
                                   lon=d.get("lon"), accuracy=d.get("accuracy"), gps_error=d.get("gps_error", ""),
                                   note=d.get("note", ""))
        return render(request, "planning/patrol/checkin_done.html", {
            "point": point, "record": record, "reason": services.reason_text(record.reason)})
    form = CheckinForm(initial={"stamp": services.form_stamp(point)})
    return render(request, "planning/patrol/checkin.html", {"point": point, "form": form})


def _week(request) -> date:
    """The Monday of ?week=; the current week for nonsense or a year no patrol was kept in (the
    calendar ends at 9999, and the page links a week before and after)."""
    try:
        day = date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        day = None
    if day is None or not 2000 <= day.year <= 2200:
        day = timezone.localdate()
    return sel.week_start(day)


@login_required
def report(request, pk: int):
    zone = _zone(request.user, pk)
    start = _week(request)
    week = sel.week_report(request.user, zone, start)
    return render(request, "planning/patrol/report.html", {
        "zone": zone, "week": week, "weekdays": dict(WEEKDAYS),
        "refused": [(c, services.reason_text(c.reason)) for c in week.refused],
        "previous": (start - timedelta(days=7)).isoformat(), "next": (start + timedelta(days=7)).isoformat()})


@login_required
def report_xlsx(request, pk: int):
    zone = _zone(request.user, pk)
    week = sel.week_report(request.user, zone, _week(request))
    return FileResponse(patrol_export.week_xlsx(week), as_attachment=True, content_type=XLSX,
                        filename=f"patrol-{zone.pk}-{week.start.isoformat()}.xlsx")
