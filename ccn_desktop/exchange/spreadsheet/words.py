"""French and Spanish words a sheet may hold, until the catalogue's own translations land.

Sheets exported in French or Spanish, or typed by an office working in either,
are recognised by these labels and values as well as by the interface language's
(`_()`) and English.
"""

from __future__ import annotations

# The field labels in French and Spanish, so that a sheet exported in either language
# is recognised even where no translation catalogue is installed.
LABELS: dict[str, tuple[str, str]] = {
    "Name": ("Nom", "Nombre"),
    "Country": ("Pays", "País"),
    "Country name": ("Nom du pays", "Nombre del país"),
    "UNESCO region": ("Région UNESCO", "Región de la UNESCO"),
    "Creative field": ("Domaine créatif", "Ámbito creativo"),
    "Designation year": ("Année de désignation", "Año de designación"),
    "Membership status": ("Statut de membre", "Estado de membresía"),
    "Latitude": ("Latitude", "Latitud"),
    "Longitude": ("Longitude", "Longitud"),
    "Website": ("Site web", "Sitio web"),
    "Focal point": ("Point focal", "Punto focal"),
    "Role": ("Rôle", "Función"),
    "E-mail": ("Courriel", "Correo electrónico"),
    "Phone": ("Téléphone", "Teléfono"),
    "Description": ("Description", "Descripción"),
    "Objectives": ("Objectifs", "Objetivos"),
    "Monitoring reports submitted": (
        "Rapports de suivi soumis", "Informes de seguimiento presentados"
    ),
    "Notes": ("Notes", "Notas"),
    "Edition": ("Édition", "Edición"),
    "Year": ("Année", "Año"),
    "Host cities": ("Villes hôtes", "Ciudades anfitrionas"),
    "Venue / location": ("Lieu", "Sede"),
    "Start date": ("Date de début", "Fecha de inicio"),
    "End date": ("Date de fin", "Fecha de finalización"),
    "Format": ("Format", "Formato"),
    "Theme": ("Thème", "Tema"),
    "Objectives and outcomes": ("Objectifs et résultats", "Objetivos y resultados"),
    "Title": ("Titre", "Título"),
    "Summary": ("Résumé", "Resumen"),
    "Status": ("Statut", "Estado"),
    "Start year": ("Année de début", "Año de inicio"),
    "End year": ("Année de fin", "Año de finalización"),
    "Lead organisation": ("Organisation chef de file", "Organización principal"),
    "Implementing partners": ("Partenaires de mise en œuvre", "Socios de ejecución"),
    "Funders and supporters": ("Bailleurs et soutiens", "Financiadores y patrocinadores"),
    "Budget": ("Budget", "Presupuesto"),
    "Currency": ("Devise", "Moneda"),
    "Participating cities": ("Villes participantes", "Ciudades participantes"),
    "Other localities": ("Autres localités", "Otras localidades"),
    "Target group": ("Groupe cible", "Grupo destinatario"),
    "Participants": ("Participants", "Participantes"),
    "Activities": ("Activités", "Actividades"),
    "Outputs": ("Réalisations", "Productos"),
}  # fmt: skip

# Values of the choice fields (stored in English).
VALUES: dict[str, tuple[str, str]] = {
    "Architecture": ("Architecture", "Arquitectura"),
    "Crafts and Folk Art": ("Artisanat et arts populaires", "Artesanía y artes populares"),
    "Design": ("Design", "Diseño"),
    "Film": ("Cinéma", "Cine"),
    "Gastronomy": ("Gastronomie", "Gastronomía"),
    "Literature": ("Littérature", "Literatura"),
    "Media Arts": ("Arts numériques", "Artes digitales"),
    "Music": ("Musique", "Música"),
    "Africa": ("Afrique", "África"),
    "Arab States": ("États arabes", "Estados Árabes"),
    "Asia and the Pacific": ("Asie et Pacifique", "Asia y el Pacífico"),
    "Europe and North America": ("Europe et Amérique du Nord", "Europa y América del Norte"),
    "Latin America and the Caribbean": (
        "Amérique latine et Caraïbes",
        "América Latina y el Caribe",
    ),
    "Active": ("Actif", "Activo"),
    "Under review": ("En cours d'examen", "En revisión"),
    "Suspended": ("Suspendu", "Suspendido"),
    "Withdrawn": ("Retiré", "Retirado"),
    "In person": ("En présentiel", "Presencial"),
    "Online": ("En ligne", "En línea"),
    "Hybrid": ("Hybride", "Híbrido"),
    "Planned": ("Prévu", "Previsto"),
    "Ongoing": ("En cours", "En curso"),
    "Completed": ("Terminé", "Terminado"),
    "Cancelled": ("Annulé", "Cancelado"),
}
