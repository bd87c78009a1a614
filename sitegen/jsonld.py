"""schema.org structured data for each page (serialised later by the theme's tojson, which escapes '</')."""
from __future__ import annotations

from .models.clinic import Clinic
from .models.common import PageBase


def clinic_entity(clinic: Clinic) -> dict:
    first = clinic.locations[0]
    address = first.address
    return {
        "@type": "MedicalClinic",
        "name": clinic.name,
        "url": clinic.site_url,
        "telephone": clinic.phone,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": address.street,
            "addressLocality": address.city,
            **({"addressRegion": address.region} if address.region else {}),
            "postalCode": address.postal_code,
            "addressCountry": address.country,
        },
    }


def medical_web_page(page: PageBase, clinic: Clinic, url: str, audience: str) -> dict:
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
            {"@type": "Person", "name": reviewers[r].name, "jobTitle": reviewers[r].credentials} for r in page.review.reviewed_by
        ],
        "medicalAudience": {"@type": "MedicalAudience", "audienceType": "Clinician" if audience == "clinician" else "Patient"},
        "about": [{"@type": "Thing", "name": name} for name in page.about],
        "publisher": clinic_entity(clinic),
    }
