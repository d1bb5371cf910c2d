//! Rendering: charts (SVG/PNG), the report (HTML, Markdown), the open-data bundle. Not implemented yet.
