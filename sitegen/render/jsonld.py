"""schema.org structured data for each page (serialised later by the theme's tojson, which escapes '</')."""

from __future__ import annotations

from sitegen.load.models.clinic import Address, Clinic
from sitegen.load.models.common import PageBase


def postal_address(address: Address) -> dict:
    return {
        "@type": "PostalAddress",
        "streetAddress": address.street,
        "addressLocality": address.city,
        **({"addressRegion": address.region} if address.region else {}),
        "postalCode": address.postal_code,
        "addressCountry": address.country,
    }


def clinic_entity(clinic: Clinic) -> dict:
    return {
        "@type": "MedicalClinic",
        "name": clinic.name,
        "url": clinic.site_url,
        "telephone": clinic.phone,
        "address": postal_address(clinic.locations[0].address),
    }


def stated_about(page) -> list[str]:
    """What the page's YAML says it is about; [] if it says nothing (the model's default is an English word)."""
    fields_set = getattr(page, "model_fields_set", None)
    if fields_set is not None and "about" not in fields_set:
        return []
    return list(page.about)


def medical_web_page(page: PageBase, clinic: Clinic, url: str, audience: str, default_about: str) -> dict:
    """MedicalWebPage of a reviewed page; a page that names no 'about' is about `default_about`, in its own language."""
    reviewers = {r.id: r for r in clinic.reviewers}
    return {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": page.title,
        "description": page.summary,
        "url": url,
        "inLanguage": clinic.language,
        "lastReviewed": page.review.last_reviewed.isoformat(),
        "reviewedBy": [
            {
                "@type": "Person",
                "name": reviewers[r].name,
                "jobTitle": reviewers[r].credentials,
                **({"worksFor": {"@type": "MedicalClinic", "name": clinic.name}} if reviewers[r].works_for_clinic else {}),
            }
            for r in page.review.reviewed_by
        ],
        "medicalAudience": {"@type": "MedicalAudience", "audienceType": "Clinician" if audience == "clinician" else "Patient"},
        "about": [{"@type": "Thing", "name": name} for name in stated_about(page) or [default_about]],
        "publisher": clinic_entity(clinic),
    }


def fact_web_page(page, clinic: Clinic, url: str, key: str) -> dict:
    """A clinic fact page (team, locations, cost): the clinic's own information, so a WebPage without a medical review."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "AboutPage" if key == "team" else "WebPage",
        "name": page.title,
        "description": page.summary,
        "url": url,
        "inLanguage": clinic.language,
        "publisher": clinic_entity(clinic),
    }
    if key == "team" and clinic.team is not None:
        data["mainEntity"] = [
            {
                "@type": "Person",
                "name": person.name,
                "jobTitle": person.role,
                **({"knowsLanguage": person.languages} if person.languages else {}),
                "worksFor": {"@type": "MedicalClinic", "name": clinic.name},
            }
            for person in clinic.team.people
        ]
    return data


def structured_data(key: str, content, url: str) -> list[dict]:
    """Extra schema.org blocks for particular pages: MedicalClinic on the home page (/faq/ carries FAQPage as microdata)."""

    clinic = content.clinic
    if key == "home":
        entity = clinic_entity(clinic)
        entity["@context"] = "https://schema.org"
        if clinic.email:
            entity["email"] = clinic.email
        entity["medicalSpecialty"] = "Psychiatric"
        entity["availableService"] = [{"@type": "MedicalTherapy", "name": s.name} for s in clinic.services if s.offered]
        if len(clinic.locations) > 1:
            entity["department"] = [
                {
                    "@type": "MedicalClinic",
                    "name": loc.name,
                    "telephone": loc.phone or clinic.phone,
                    "address": postal_address(loc.address),
                }
                for loc in clinic.locations[1:]
            ]
        return [entity]
    return []
