"""`{% login_name user %}`: the name a person logged in with (tblUsers.LoginName), not the internal user name."""

from django import template

from ..rights import login_name_of

register = template.Library()


@register.simple_tag
def login_name(user):
    return login_name_of(user)
