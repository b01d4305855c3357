"""The camera owner's inbox: requests for its cameras' footage and the answers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from safetyzone.core import access
from safetyzone.core.models import Role

from . import selectors, services
from .models import ItemStatus
from .states import ALLOWED


@login_required
def inbox(request):
    show_all = request.GET.get("all") == "1"
    items = selectors.inbox_items(request.user, open_only=not show_all)[:300]
    return render(request, "footage/inbox/list.html", {"items": items, "show_all": show_all,
                                                         "now": timezone.now()})


def upload_url(item) -> str | None:
    """The evidence upload page for the item, once the evidence app provides it."""
    try:
        return reverse("footage:upload", args=[item.pk])
    except NoReverseMatch:
        return None


@login_required
def inbox_item(request, pk: int):
    item = selectors.inbox_item(request.user, pk)
    if item is None:
        raise Http404(_("Not found, or not visible to your organisation."))
    can_answer = request.user.role in access.WRITE_ROLES or access.is_system_admin(request.user)
    if request.method == "POST":
        to = request.POST.get("to", "")
        try:
            services.answer(request.user, item, to, request.POST.get("reason", ""))
        except PermissionDenied:
            raise
        except ValidationError as exc:
            messages.error(request, " ".join(str(m) for m in exc.messages))
        else:
            messages.success(request, _("Recorded: %(status)s.") % {"status": ItemStatus(to).label})
        return redirect("footage:inbox_item", pk=pk)
    services.mark_seen(request.user, item)
    moves = [s for s in (ItemStatus.PRESERVED, ItemStatus.NO_FOOTAGE, ItemStatus.DECLINED)
             if s in ALLOWED[item.status]] if item.request.status == "open" else []
    context = {"item": item, "req": item.request, "can_answer": can_answer and request.user.role != Role.VIEWER,
               "moves": moves, "upload_url": upload_url(item) if item.status in ("seen", "preserved") else None,
               "now": timezone.now()}
    return render(request, "footage/inbox/item.html", context)
