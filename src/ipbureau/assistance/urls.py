from django.urls import path

from ipbureau.assistance import views

app_name = "assistance"
urlpatterns = [
    path("", views.request_list, name="list"),
    path("new/", views.request_new, name="new"),
    path("<int:request_id>/", views.request_detail, name="detail"),
    path("<int:request_id>/answer/", views.request_answer, name="answer"),
    path("<int:request_id>/assign-staff/", views.request_assign_staff, name="assign_staff"),
    path("<int:request_id>/assign-expert/", views.request_assign_expert, name="assign_expert"),
    path("<int:request_id>/close/", views.request_close, name="close"),
    path("<int:request_id>/to-case/", views.request_to_case, name="to_case"),
    path("<int:request_id>/attachment/", views.request_attachment, name="attachment"),
    path("experts/", views.expert_list, name="experts"),
    path("experts/new/", views.expert_edit, name="expert_new"),
    path("experts/<int:expert_id>/", views.expert_edit, name="expert_edit"),
]
