from django.urls import path

from coordination import minutes_pdf, views, views_calendar, views_figures

app_name = "coordination"

urlpatterns = [
    # Before the programme's pages, whose first part is a programme code.
    path("calendar/", views_calendar.my_calendar, name="my_calendar"),
    path("calendar/<str:token>.ics", views_calendar.feed, name="calendar_feed"),
    path(
        "calendar/feeds/<int:pk>/revoke/",
        views_calendar.feed_revoke,
        name="calendar_feed_revoke",
    ),
    path("<str:code>/", views.body_list, name="list"),
    path("<str:code>/new/", views.body_create, name="body_create"),
    path("<str:code>/actions/", views.action_list, name="actions"),
    path("<str:code>/figures/", views_figures.programme_figures, name="figures"),
    path("<str:code>/actions/<int:pk>/status/", views.action_status, name="action_status"),
    path("<str:code>/bodies/<int:pk>/", views.body_detail, name="body"),
    path("<str:code>/bodies/<int:pk>/edit/", views.body_edit, name="body_edit"),
    path("<str:code>/bodies/<int:pk>/figures/", views_figures.body_figures, name="body_figures"),
    path(
        "<str:code>/bodies/<int:pk>/terms-of-reference/",
        views.terms_of_reference,
        name="terms_of_reference",
    ),
    path("<str:code>/bodies/<int:pk>/members/", views.members, name="members"),
    path(
        "<str:code>/bodies/<int:pk>/calendar/", views_calendar.body_calendar, name="body_calendar"
    ),
    path(
        "<str:code>/bodies/<int:pk>/members/<int:member_pk>/",
        views.member_change,
        name="member_change",
    ),
    path("<str:code>/bodies/<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("<str:code>/meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("<str:code>/meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("<str:code>/meetings/<int:pk>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("<str:code>/meetings/<int:pk>/agenda/", views.agenda_add, name="agenda_add"),
    path(
        "<str:code>/meetings/<int:pk>/agenda/<int:item_pk>/remove/",
        views.agenda_remove,
        name="agenda_remove",
    ),
    path("<str:code>/meetings/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<str:code>/meetings/<int:pk>/guests/", views.guest_add, name="guest_add"),
    path("<str:code>/meetings/<int:pk>/minutes/", views.minutes, name="minutes"),
    path("<str:code>/meetings/<int:pk>/minutes.pdf", minutes_pdf.minutes_pdf, name="minutes_pdf"),
    path(
        "<str:code>/meetings/<int:pk>/minutes/preview/",
        views.minutes_preview,
        name="minutes_preview",
    ),
    path(
        "<str:code>/meetings/<int:pk>/minutes/approve/",
        views.minutes_approve,
        name="minutes_approve",
    ),
    path("<str:code>/meetings/<int:pk>/decisions/", views.decision_add, name="decision_add"),
    path("<str:code>/meetings/<int:pk>/actions/", views.action_add, name="action_add"),
]
