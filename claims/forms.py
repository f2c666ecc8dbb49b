from django import forms

from claims.models import Category, ClaimStatus, Qualifier


class ArticleForm(forms.Form):
    title = forms.CharField(max_length=500, required=False)
    outlet = forms.CharField(max_length=200, required=False)
    url = forms.URLField(max_length=2000, required=False, assume_scheme="https")
    published_on = forms.DateField(
        required=False,
        help_text="Leave empty to read it from a leading 'date YYYY-MM-DD' line.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 18}),
        required=False,
        help_text="Paste the article text.",
    )
    file = forms.FileField(required=False, help_text="Or upload a UTF-8 text file.")

    def clean(self):
        data = super().clean()
        if not data.get("text") and not data.get("file"):
            raise forms.ValidationError("Paste the article text or choose a file.")
        return data


def _with_blank(choices, label="Any"):
    return [("", label), *choices]


class ClaimFilterForm(forms.Form):
    q = forms.CharField(required=False, label="Search")
    status = forms.ChoiceField(required=False, choices=_with_blank(ClaimStatus.choices))
    category = forms.ChoiceField(required=False, choices=_with_blank(Category.choices))
    qualifier = forms.ChoiceField(required=False, choices=_with_blank(Qualifier.choices))
    article = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class SourceForm(forms.Form):
    url = forms.URLField(max_length=2000, label="Source page", assume_scheme="https")
