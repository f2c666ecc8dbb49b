from django import template

register = template.Library()


@register.filter
def figure(number) -> str:
    """3600000.0 -> '3,600,000'; 0.3333 -> '0.3333'; None -> '—'."""
    if number is None or number == "":
        return "—"
    number = float(number)
    if number.is_integer():
        return f"{int(number):,}"
    return f"{number:,.4f}".rstrip("0").rstrip(".")


@register.filter
def bounds(claim) -> str:
    low, high = figure(claim.low), figure(claim.high)
    if claim.low is None and claim.high is None:
        return "no bounds"
    return f"{low} … {high}"
