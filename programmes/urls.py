from django.urls import path

from programmes import views

app_name = "programmes"

urlpatterns = [
    path("<str:code>/", views.programme_detail, name="detail"),
    path("<str:code>/invite/", views.invitation_create, name="invite"),
    path(
        "<str:code>/invitations/<int:pk>/withdraw/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
]
