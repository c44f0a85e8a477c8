from .navigatie import links_voor


def navigatie(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigatie": []}
    return {"navigatie": links_voor(user)}
