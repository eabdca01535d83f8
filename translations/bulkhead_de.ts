<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
<context>
    <name>OpenedFilesProvider</name>
    <message>
        <source>Opened files</source>
        <translation>Geöffnete Dateien</translation>
    </message>
</context>
<context>
    <name>SeverityStyle</name>
    <message>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
</context>
<context>
    <name>bulkhead::DashboardView</name>
    <message>
        <source>Severity distribution</source>
        <translation>Verteilung nach Schweregrad</translation>
    </message>
    <message>
        <source>Findings over time</source>
        <translation>Befunde im Zeitverlauf</translation>
    </message>
    <message>
        <source>Most vulnerable images</source>
        <translation>Am stärksten betroffene Images</translation>
    </message>
    <message>
        <source>Most widespread vulnerabilities</source>
        <translation>Am weitesten verbreitete Schwachstellen</translation>
    </message>
    <message>
        <source>Distribution of:</source>
        <translation>Verteilung von:</translation>
    </message>
    <message>
        <source>Trend of:</source>
        <translation>Verlauf von:</translation>
    </message>
    <message>
        <source>Loading scan history…</source>
        <translation>Lade Scan-Verlauf…</translation>
    </message>
    <message>
        <source>No scans yet. Open an image to scan it; its results will appear here.</source>
        <translation>Noch keine Scans. Ein Image öffnen, um es zu scannen; die Ergebnisse erscheinen hier.</translation>
    </message>
    <message>
        <source>All images (latest scans)</source>
        <translation>Alle Images (neueste Scans)</translation>
    </message>
    <message>
        <source>images scanned</source>
        <translation>Images gescannt</translation>
    </message>
    <message>
        <source>findings in latest scans</source>
        <translation>Befunde in den neuesten Scans</translation>
    </message>
    <message>
        <source>known exploited (KEV)</source>
        <translation>bekannt ausgenutzt (KEV)</translation>
    </message>
    <message>
        <source>Severity distribution: no findings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Severity distribution (%1 findings)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Findings over time: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Scan date</source>
        <translation>Scan-Datum</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Befunde</translation>
    </message>
    <message>
        <source>%1 (KEV)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Images</source>
        <translation>Images</translation>
    </message>
</context>
<context>
    <name>bulkhead::FindingDetailView</name>
    <message>
        <source>Attack Vector</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Attack Complexity</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Attack Requirements</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Privileges Required</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>User Interaction</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Scope</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Authentication</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Confidentiality</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Integrity</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Availability</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Confidentiality (vulnerable system)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Integrity (vulnerable system)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Availability (vulnerable system)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Confidentiality (subsequent systems)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Integrity (subsequent systems)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Availability (subsequent systems)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Exploit Maturity</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Triage</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save decision</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Select a finding to see its details.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not triaged</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not affected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Accepted risk</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>False positive</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Fixed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Why? (shown in reports and the audit history)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Decision:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Applies to:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Accepted until:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Comment:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>History:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Images of %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All images</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> (from %1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Package</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Installed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Fixed in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no fixed version known</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Affected range</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Found in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1% probability of exploitation in the next 30 days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>, higher than %1% of all scored vulnerabilities</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>EPSS</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Listed in CISA Known Exploited Vulnerabilities since %1; remediation due %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Known to be used in ransomware campaigns</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>KEV</source>
        <translation type="unfinished">KEV</translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Published</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Modified</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished">Quelle</translation>
    </message>
    <message>
        <source>CVSS %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CVSS %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>References</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Triage needs the scan history.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The accepted risk expired on %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Decided by %1 on %2.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>all images</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1  %2 set %3 for %4</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> until %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>bulkhead::FindingsGroupModel</name>
    <message>
        <source>%1 (1 finding)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 (%2 findings)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Worst severity: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>bulkhead::FindingsModel</name>
    <message>
        <source>Fix available</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No fix yet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Won't fix</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished">Unbekannt</translation>
    </message>
    <message>
        <source>KEV</source>
        <translation type="unfinished">KEV</translation>
    </message>
    <message>
        <source>Known exploited since %1, remediation due %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Vulnerability</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Package</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Installed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Fixed in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Fix state</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CVSS</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>EPSS</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Instruction</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>bulkhead::ImageCatalogModel</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Geändert</translation>
    </message>
</context>
<context>
    <name>bulkhead::ImagesView</name>
    <message>
        <source>Open image file…</source>
        <translation>Image-Datei öffnen…</translation>
    </message>
    <message>
        <source>A docker save / podman save tarball, an OCI archive or an OCI layout folder (Ctrl+O)</source>
        <translation>Ein Tarball von docker save / podman save, ein OCI-Archiv oder ein OCI-Layout-Ordner (Strg+O)</translation>
    </message>
    <message>
        <source>Open OCI folder…</source>
        <translation>OCI-Ordner öffnen…</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>Scannen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Image reference, e.g. docker.io/library/debian:12</source>
        <translation>Image-Referenz, z. B. docker.io/library/debian:12</translation>
    </message>
    <message>
        <source>Filter scanned images</source>
        <translation>Gescannte Images filtern</translation>
    </message>
    <message>
        <source>Drop an image tarball or an OCI layout folder here to scan it.</source>
        <translation>Ein Image-Tarball oder einen OCI-Layout-Ordner hierher ziehen, um ihn zu scannen.</translation>
    </message>
    <message>
        <source>Scan selected</source>
        <translation>Auswahl scannen</translation>
    </message>
    <message>
        <source>Scanned images:</source>
        <translation>Gescannte Images:</translation>
    </message>
    <message>
        <source>Available images:</source>
        <translation>Verfügbare Images:</translation>
    </message>
    <message>
        <source>Open OCI layout folder</source>
        <translation>OCI-Layout-Ordner öffnen</translation>
    </message>
    <message>
        <source>Open image file</source>
        <translation>Image-Datei öffnen</translation>
    </message>
    <message>
        <source>Image archives (*.tar *.tar.gz *.tgz *.tar.zst);;All files (*)</source>
        <translation>Image-Archive (*.tar *.tar.gz *.tgz *.tar.zst);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>bulkhead::LayersModel</name>
    <message>
        <source>#</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Instruction</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished">Größe</translation>
    </message>
    <message>
        <source>Packages</source>
        <translation type="unfinished">Pakete</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation type="unfinished">Befunde</translation>
    </message>
</context>
<context>
    <name>bulkhead::MainWindow</name>
    <message>
        <source>Scans</source>
        <translation>Scans</translation>
    </message>
    <message>
        <source>Bulkhead</source>
        <translation>Bulkhead</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>Compare two scans of an image: new, fixed and unchanged findings. Coming soon.</source>
        <translation>Zwei Scans eines Images vergleichen: neue, behobene und unveränderte Befunde. Demnächst.</translation>
    </message>
    <message>
        <source>Remediation</source>
        <translation>Behebung</translation>
    </message>
    <message>
        <source>Which package or base image upgrades remove the most risk. Coming soon.</source>
        <translation>Welche Paket- oder Basis-Image-Updates das meiste Risiko beseitigen. Demnächst.</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>Konformität</translation>
    </message>
    <message>
        <source>Configuration checks of the image against benchmarks. Coming soon.</source>
        <translation>Konfigurationsprüfungen des Images gegen Benchmarks. Demnächst.</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Strg+%2)</translation>
    </message>
    <message>
        <source>%1: coming soon</source>
        <translation>%1: demnächst</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open Image File…</source>
        <translation>Image-Datei ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Find in Results</source>
        <translation>In Ergebnissen &amp;suchen</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>Scan &amp;Queue</source>
        <translation>Scan-&amp;Warteschlange</translation>
    </message>
    <message>
        <source>Scan of %1 failed: %2</source>
        <translation>Scan von %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Scan of %1 cancelled.</source>
        <translation>Scan von %1 abgebrochen.</translation>
    </message>
    <message numerus="yes">
        <source>%n scan(s) running or queued; see the Scans panel.</source>
        <translation><numerusform>%n Scan läuft oder wartet; siehe Bereich „Scans“.</numerusform><numerusform>%n Scans laufen oder warten; siehe Bereich „Scans“.</numerusform></translation>
    </message>
    <message>
        <source>Triage saved.</source>
        <translation>Bewertung gespeichert.</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Scanning %1…</source>
        <translation>Scanne %1…</translation>
    </message>
    <message>
        <source>The scan of %1 could not be saved: %2</source>
        <translation>Der Scan von %1 konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>an image</source>
        <translation>ein Image</translation>
    </message>
    <message numerus="yes">
        <source>Scan of %1 finished: %n finding(s) (%2 critical)</source>
        <translation><numerusform>Scan von %1 fertig: %n Befund (%2 kritisch)</numerusform><numerusform>Scan von %1 fertig: %n Befunde (%2 kritisch)</numerusform></translation>
    </message>
    <message>
        <source>%1 – Bulkhead</source>
        <translation>%1 – Bulkhead</translation>
    </message>
    <message>
        <source>Loading scan…</source>
        <translation>Lade Scan…</translation>
    </message>
</context>
<context>
    <name>bulkhead::PackagesModel</name>
    <message>
        <source>Package</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished">Quelle</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Findings</source>
        <translation type="unfinished">Befunde</translation>
    </message>
    <message>
        <source>Worst</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Found in</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>bulkhead::ResultsView</name>
    <message>
        <source>No scan loaded. Open an image or pick a scan from the history.</source>
        <translation>Kein Scan geladen. Ein Image öffnen oder einen Scan aus dem Verlauf wählen.</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Befunde</translation>
    </message>
    <message>
        <source>Packages</source>
        <translation>Pakete</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Schichten</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Show %1 findings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Fixable only</source>
        <translation>Nur behebbare</translation>
    </message>
    <message>
        <source>Known exploited only</source>
        <translation>Nur bekannt ausgenutzte</translation>
    </message>
    <message>
        <source>Search id, alias, package, summary (Ctrl+F)</source>
        <translation>ID, Alias, Paket, Zusammenfassung suchen (Strg+F)</translation>
    </message>
    <message>
        <source>No grouping</source>
        <translation>Keine Gruppierung</translation>
    </message>
    <message>
        <source>Group by package</source>
        <translation>Nach Paket gruppieren</translation>
    </message>
    <message>
        <source>Group by vulnerability</source>
        <translation>Nach Schwachstelle gruppieren</translation>
    </message>
    <message>
        <source>Filter packages</source>
        <translation>Pakete filtern</translation>
    </message>
    <message>
        <source>Select a layer to see the packages and findings it introduced.</source>
        <translation>Eine Schicht wählen, um ihre Pakete und Befunde zu sehen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; %2 &amp;nbsp; %3 packages, %4 layers, scanned %5&lt;br&gt;%6</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No known vulnerabilities found.</source>
        <translation>Keine bekannten Schwachstellen gefunden.</translation>
    </message>
    <message>
        <source>Layer %1 introduced %2 packages and %3 findings.</source>
        <translation>Schicht %1 brachte %2 Pakete und %3 Befunde.</translation>
    </message>
    <message>
        <source>Showing %1 of %2 findings</source>
        <translation>%1 von %2 Befunden angezeigt</translation>
    </message>
</context>
<context>
    <name>bulkhead::ScanQueueModel</name>
    <message>
        <source>Waiting for a free worker</source>
        <translation>Wartet auf einen freien Worker</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Startet</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Cancelled by the user.</source>
        <translation>Vom Benutzer abgebrochen.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message numerus="yes">
        <source>%n package(s), %1 finding(s)</source>
        <translation><numerusform>%n Paket, %1 Befunde</numerusform><numerusform>%n Pakete, %1 Befunde</numerusform></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Breche ab…</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Gelesen</translation>
    </message>
</context>
<context>
    <name>bulkhead::ScanQueueView</name>
    <message>
        <source>Clear finished</source>
        <translation>Fertige entfernen</translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation>Alle abbrechen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel the scan of %1</source>
        <translation>Scan von %1 abbrechen</translation>
    </message>
    <message>
        <source>No scan running.</source>
        <translation>Kein Scan läuft.</translation>
    </message>
    <message numerus="yes">
        <source>%n scan(s) queued or running.</source>
        <translation><numerusform>%n Scan wartet oder läuft.</numerusform><numerusform>%n Scans warten oder laufen.</numerusform></translation>
    </message>
</context>
<context>
    <name>bulkhead::ScansModel</name>
    <message>
        <source>Scanned</source>
        <translation>Gescannt</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>OS</source>
        <translation>Betriebssystem</translation>
    </message>
    <message>
        <source>KEV</source>
        <translation>KEV</translation>
    </message>
    <message>
        <source>Packages</source>
        <translation>Pakete</translation>
    </message>
</context>
<context>
    <name>bulkhead::SettingsView</name>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation><numerusform>vor %n Minute</numerusform><numerusform>vor %n Minuten</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation><numerusform>vor %n Stunde</numerusform><numerusform>vor %n Stunden</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation><numerusform>vor %n Tag</numerusform><numerusform>vor %n Tagen</numerusform></translation>
    </message>
    <message>
        <source>Update cancelled; the database is unchanged.</source>
        <translation>Aktualisierung abgebrochen; die Datenbank ist unverändert.</translation>
    </message>
    <message>
        <source>Update failed: %1 The database is unchanged.</source>
        <translation>Aktualisierung fehlgeschlagen: %1 Die Datenbank ist unverändert.</translation>
    </message>
    <message numerus="yes">
        <source>Updated %n feed(s): %1 records imported, %2 unchanged.</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>Vulnerability database</source>
        <translation>Schwachstellen-Datenbank</translation>
    </message>
    <message>
        <source>Reading the database…</source>
        <translation>Lese die Datenbank…</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Einträge</translation>
    </message>
    <message>
        <source>Imported (UTC)</source>
        <translation>Importiert (UTC)</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Alter</translation>
    </message>
    <message>
        <source>Update now</source>
        <translation>Jetzt aktualisieren</translation>
    </message>
    <message>
        <source>Download the advisory feeds below and rebuild the database (like 'bulkhead db update')</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>Advisory feeds</source>
        <translation>Advisory-Feeds</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Saved to %1, which 'bulkhead db update' reads too.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Restore defaults</source>
        <translation>Standard wiederherstellen</translation>
    </message>
    <message>
        <source>new-feed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Storage</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>No cache</source>
        <translation>Kein Cache</translation>
    </message>
    <message>
        <source>Disk space for cached layer analysis results</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Scan history:</source>
        <translation>Scan-Verlauf:</translation>
    </message>
    <message>
        <source>Scan history</source>
        <translation>Scan-Verlauf</translation>
    </message>
    <message>
        <source>Layer cache folder:</source>
        <translation>Schicht-Cache-Ordner:</translation>
    </message>
    <message>
        <source>Layer cache folder</source>
        <translation>Schicht-Cache-Ordner</translation>
    </message>
    <message>
        <source>Layer cache size:</source>
        <translation>Schicht-Cache-Größe:</translation>
    </message>
    <message>
        <source>In use:</source>
        <translation>Belegt:</translation>
    </message>
    <message>
        <source>Registries</source>
        <translation>Registries</translation>
    </message>
    <message>
        <source>Registry</source>
        <translation>Registry</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>registry.example.com</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>user</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>password or token</source>
        <translation>Passwort oder Token</translation>
    </message>
    <message>
        <source>Passwords are kept in the system keychain, not in the settings file.</source>
        <translation>Passwörter liegen im Schlüsselbund des Systems, nicht in der Einstellungsdatei.</translation>
    </message>
    <message>
        <source>Enter the registry's host name first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Added %1 without a password (anonymous pulls).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saving the password for %1 in the keychain…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Password for %1 saved in the keychain.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not save the password for %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Removed %1 and its password.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Removed %1; the keychain said: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No database at this path yet. Use "Update now" to download the feeds.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%1 vulnerabilities from %n source(s), %2 on disk, schema %3; newest data %4.</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>No feed is configured; add one under Advisory feeds.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Starting the update…</source>
        <translation>Starte die Aktualisierung…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Breche ab…</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
</context>
</TS>