from django.urls import path

from . import views

app_name = "cameras"
urlpatterns = [
    path("", views.camera_list, name="list"),
    path("cameras/new/", views.camera_create, name="create"),
    path("cameras/<int:pk>/", views.camera_detail, name="detail"),
    path("cameras/<int:pk>/edit/", views.camera_edit, name="edit"),
    path("cameras/<int:pk>/delete/", views.camera_delete, name="delete"),
    path("map/", views.camera_map, name="map"),
    path("map/points/", views.map_points, name="map_points"),
    path("areas/", views.area_select, name="area_select"),
]
