<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>OpenedFilesProvider</name>
    <message>
        <location filename="../views/imagecatalog.cpp" line="25"/>
        <source>Opened files</source>
        <translation>Geöffnete Dateien</translation>
    </message>
</context>
<context>
    <name>RegistryImagesProvider</name>
    <message>
        <location filename="../views/imagecatalog.cpp" line="130"/>
        <source>Registry %1</source>
        <translation>Registry %1</translation>
    </message>
    <message>
        <location filename="../views/imagecatalog.cpp" line="201"/>
        <source>Showing the first %1 of %2 repositories; browse a repository to list another one.</source>
        <translation>Erste %1 von %2 Repositorys angezeigt; ein weiteres über „Repository durchsuchen“ auflisten.</translation>
    </message>
    <message>
        <location filename="../views/imagecatalog.cpp" line="210"/>
        <source>does not list its repositories; type one under &quot;Browse repository&quot; to see its tags.</source>
        <translation>listet ihre Repositorys nicht auf; eines unter „Repository durchsuchen“ eingeben, um seine Tags zu sehen.</translation>
    </message>
    <message>
        <location filename="../views/imagecatalog.cpp" line="222"/>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location filename="../views/imagecatalog.cpp" line="244"/>
        <source>The tags of %1 could not be listed: %2</source>
        <translation>Die Tags von %1 konnten nicht aufgelistet werden: %2</translation>
    </message>
</context>
<context>
    <name>SeverityStyle</name>
    <message>
        <location filename="../views/severitystyle.cpp" line="24"/>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <location filename="../views/severitystyle.cpp" line="25"/>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <location filename="../views/severitystyle.cpp" line="26"/>
        <source>Medium</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <location filename="../views/severitystyle.cpp" line="27"/>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <location filename="../views/severitystyle.cpp" line="30"/>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
</context>
<context>
    <name>bulkhead::DashboardView</name>
    <message>
        <location filename="../views/dashboardview.cpp" line="75"/>
        <source>Severity distribution</source>
        <translation>Verteilung nach Schweregrad</translation>
    </message>
    <message>
        <location filename="../views/dashboardview.cpp" line="76"/>
        <location filename="../views/dashboardview.cpp" line="294"/>
        <source>Findings over time</source>
        <translation>Befunde im Zeitverlauf</translation>
    </message>
    <message>
        <location filename="../views/dashboardview.cpp" line="77"/>
        <source>Most vulnerable images</source>
        <translation>Am stärksten betroffene Images</translation>
    </message>
    <message>
        <location filename="../views/dashboardview.cpp" line="78"/>
        <source>Most widespread vulnerabilities</source>
        <translation>Am weitesten verbreitete Schwachstellen</translation>
    </message>
    <message>
        <location filename="../views/dashboardview.cpp" line="100"/>
        <source>Distribution of:</source>
        <translation>Verteilung von:</translation>
    </message>
    <message>
        <location filename="../views/dashboardview.cpp" line="102"/>
        <source>Trend of:</source>
        <translation>Verlauf von:</translation>
    </message>
    <message>
        <location filename="../views/dashboardview.cpp" line="150"/>
        <source>Loading scan history…</source>
        <translation>Lade Scan-Verlauf…</translation>
    </message>
    <message>
        <location filename="../views/dashboardview.cpp" line="214"/>
        <source>No scans yet. Open an image to scan it; its results will appear here.</source>
        <translation>Noch keine Scans. Ein Image öffnen, um es zu scannen; die Ergebnisse erscheinen hier.</translation>
    </message>
    <message>
        <location filename="../views/dashboardview.cpp" line="222"/>
        <source>All images (latest scans)</source>
        <translation>Alle Images (neueste Scans)</translation>
    </message>
    <message>
        <location filename="../views/dashboardview.cpp" line="253"/>
        <source>images scanned</source>
        <translation>Images gescannt</translation>
    </message>
    <message>
        <location filename="../views/dashboardview.cpp" line="254"/>
        <source>findings in latest scans</source>
        <translation>Befunde in den neuesten Scans</translation>
    </message>
    <message>
        <location filename="../views/dashboardview.cpp" line="255"/>
        <source>known exploited (KEV)</source>
        <translation>bekannt ausgenutzt (KEV)</translation>
    </message>
    <message>
        <location filename="../views/dashboardview.cpp" line="285"/>
        <source>Severity distribution: no findings</source>
        <translation>Verteilung nach Schweregrad: keine Befunde</translation>
    </message>
    <message>
        <location filename="../views/dashboardview.cpp" line="286"/>
        <source>Severity distribution (%1 findings)</source>
        <translation>Verteilung nach Schweregrad (%1 Befunde)</translation>
    </message>
    <message>
        <location filename="../views/dashboardview.cpp" line="295"/>
        <source>Findings over time: %1</source>
        <translation>Befunde im Zeitverlauf: %1</translation>
    </message>
    <message>
        <location filename="../views/dashboardview.cpp" line="302"/>
        <source>Scan date</source>
        <translation>Scan-Datum</translation>
    </message>
    <message>
        <location filename="../views/dashboardview.cpp" line="305"/>
        <source>Findings</source>
        <translation>Befunde</translation>
    </message>
    <message>
        <location filename="../views/dashboardview.cpp" line="408"/>
        <source>%1 (KEV)</source>
        <translation>%1 (KEV)</translation>
    </message>
    <message>
        <location filename="../views/dashboardview.cpp" line="438"/>
        <source>Images</source>
        <translation>Images</translation>
    </message>
</context>
<context>
    <name>bulkhead::FindingDetailView</name>
    <message>
        <location filename="../views/findingdetailview.cpp" line="43"/>
        <source>Attack Vector</source>
        <translation>Angriffsvektor</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="44"/>
        <source>Attack Complexity</source>
        <translation>Angriffskomplexität</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="45"/>
        <source>Attack Requirements</source>
        <translation>Angriffsvoraussetzungen</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="46"/>
        <source>Privileges Required</source>
        <translation>Erforderliche Berechtigungen</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="47"/>
        <source>User Interaction</source>
        <translation>Benutzerinteraktion</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="48"/>
        <source>Scope</source>
        <translation>Auswirkungsbereich</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="49"/>
        <source>Authentication</source>
        <translation>Authentifizierung</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="50"/>
        <source>Confidentiality</source>
        <translation>Vertraulichkeit</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="51"/>
        <source>Integrity</source>
        <translation>Integrität</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="52"/>
        <source>Availability</source>
        <translation>Verfügbarkeit</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="53"/>
        <source>Confidentiality (vulnerable system)</source>
        <translation>Vertraulichkeit (verwundbares System)</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="54"/>
        <source>Integrity (vulnerable system)</source>
        <translation>Integrität (verwundbares System)</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="55"/>
        <source>Availability (vulnerable system)</source>
        <translation>Verfügbarkeit (verwundbares System)</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="56"/>
        <source>Confidentiality (subsequent systems)</source>
        <translation>Vertraulichkeit (nachgelagerte Systeme)</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="57"/>
        <source>Integrity (subsequent systems)</source>
        <translation>Integrität (nachgelagerte Systeme)</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="58"/>
        <source>Availability (subsequent systems)</source>
        <translation>Verfügbarkeit (nachgelagerte Systeme)</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="59"/>
        <source>Exploit Maturity</source>
        <translation>Exploit-Reife</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="88"/>
        <source>Triage</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="93"/>
        <source>Save decision</source>
        <translation>Entscheidung speichern</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="98"/>
        <source>Select a finding to see its details.</source>
        <translation>Einen Befund wählen, um seine Details zu sehen.</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="100"/>
        <source>Not triaged</source>
        <translation>Nicht bewertet</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="101"/>
        <source>Not affected</source>
        <translation>Nicht betroffen</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="102"/>
        <source>Accepted risk</source>
        <translation>Risiko akzeptiert</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="103"/>
        <source>False positive</source>
        <translation>Falsch positiv</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="104"/>
        <source>Fixed</source>
        <translation>Behoben</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="107"/>
        <source>Why? (shown in reports and the audit history)</source>
        <translation>Warum? (erscheint in Berichten und im Audit-Verlauf)</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="115"/>
        <source>Decision:</source>
        <translation>Entscheidung:</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="116"/>
        <source>Applies to:</source>
        <translation>Gilt für:</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="117"/>
        <source>Accepted until:</source>
        <translation>Akzeptiert bis:</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="118"/>
        <source>Comment:</source>
        <translation>Kommentar:</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="125"/>
        <source>History:</source>
        <translation>Verlauf:</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="170"/>
        <source>Images of %1</source>
        <translation>Images von %1</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="171"/>
        <source>All images</source>
        <translation>Alle Images</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="189"/>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="192"/>
        <location filename="../views/findingdetailview.cpp" line="232"/>
        <source> (from %1)</source>
        <translation> (laut %1)</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="193"/>
        <source>Package</source>
        <translation>Paket</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="195"/>
        <source>Installed</source>
        <translation>Installiert</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="196"/>
        <source>Fixed in</source>
        <translation>Behoben in</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="196"/>
        <source>no fixed version known</source>
        <translation>keine behobene Version bekannt</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="198"/>
        <source>Affected range</source>
        <translation>Betroffene Versionen</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="200"/>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="202"/>
        <source>Found in</source>
        <translation>Gefunden in</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="204"/>
        <source>%1% probability of exploitation in the next 30 days</source>
        <translation>%1 % Wahrscheinlichkeit einer Ausnutzung in den nächsten 30 Tagen</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="207"/>
        <source>, higher than %1% of all scored vulnerabilities</source>
        <translation>, höher als bei %1 % aller bewerteten Schwachstellen</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="208"/>
        <source>EPSS</source>
        <translation>EPSS</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="211"/>
        <source>Listed in CISA Known Exploited Vulnerabilities since %1; remediation due %2</source>
        <translation>Seit %1 im CISA-Katalog Known Exploited Vulnerabilities gelistet; Behebung fällig bis %2</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="214"/>
        <source>Known to be used in ransomware campaigns</source>
        <translation>Bekanntermaßen in Ransomware-Kampagnen eingesetzt</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="215"/>
        <source>KEV</source>
        <translation>KEV</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="218"/>
        <source>Aliases</source>
        <translation>Aliasse</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="220"/>
        <source>Published</source>
        <translation>Veröffentlicht</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="222"/>
        <source>Modified</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="224"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="229"/>
        <source>CVSS %1: %2</source>
        <translation>CVSS %1: %2</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="230"/>
        <source>CVSS %1</source>
        <translation>CVSS %1</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="239"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="244"/>
        <source>References</source>
        <translation>Referenzen</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="264"/>
        <source>Triage needs the scan history.</source>
        <translation>Die Bewertung benötigt den Scan-Verlauf.</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="301"/>
        <source>The accepted risk expired on %1.</source>
        <translation>Das akzeptierte Risiko ist am %1 abgelaufen.</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="304"/>
        <source>Decided by %1 on %2.</source>
        <translation>Entschieden von %1 am %2.</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="310"/>
        <source>all images</source>
        <translation>alle Images</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="311"/>
        <source>%1  %2 set %3 for %4</source>
        <translation>%1  %2 setzte „%3“ für %4</translation>
    </message>
    <message>
        <location filename="../views/findingdetailview.cpp" line="315"/>
        <source> until %1</source>
        <translation> bis %1</translation>
    </message>
</context>
<context>
    <name>bulkhead::FindingsGroupModel</name>
    <message>
        <location filename="../views/findingsgroupmodel.cpp" line="125"/>
        <source>%1 (1 finding)</source>
        <translation>%1 (1 Befund)</translation>
    </message>
    <message>
        <location filename="../views/findingsgroupmodel.cpp" line="126"/>
        <source>%1 (%2 findings)</source>
        <translation>%1 (%2 Befunde)</translation>
    </message>
    <message>
        <location filename="../views/findingsgroupmodel.cpp" line="130"/>
        <source>Worst severity: %1</source>
        <translation>Höchster Schweregrad: %1</translation>
    </message>
</context>
<context>
    <name>bulkhead::FindingsModel</name>
    <message>
        <location filename="../views/findingsmodel.cpp" line="76"/>
        <source>Fix available</source>
        <translation>Behebung verfügbar</translation>
    </message>
    <message>
        <location filename="../views/findingsmodel.cpp" line="77"/>
        <source>No fix yet</source>
        <translation>Noch keine Behebung</translation>
    </message>
    <message>
        <location filename="../views/findingsmodel.cpp" line="78"/>
        <source>Won&apos;t fix</source>
        <translation>Wird nicht behoben</translation>
    </message>
    <message>
        <location filename="../views/findingsmodel.cpp" line="81"/>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <location filename="../views/findingsmodel.cpp" line="84"/>
        <location filename="../views/findingsmodel.cpp" line="121"/>
        <source>KEV</source>
        <translation>KEV</translation>
    </message>
    <message>
        <location filename="../views/findingsmodel.cpp" line="96"/>
        <source>Known exploited since %1, remediation due %2</source>
        <translation>Bekannt ausgenutzt seit %1, Behebung fällig bis %2</translation>
    </message>
    <message>
        <location filename="../views/findingsmodel.cpp" line="113"/>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <location filename="../views/findingsmodel.cpp" line="114"/>
        <source>Vulnerability</source>
        <translation>Schwachstelle</translation>
    </message>
    <message>
        <location filename="../views/findingsmodel.cpp" line="115"/>
        <source>Package</source>
        <translation>Paket</translation>
    </message>
    <message>
        <location filename="../views/findingsmodel.cpp" line="116"/>
        <source>Installed</source>
        <translation>Installiert</translation>
    </message>
    <message>
        <location filename="../views/findingsmodel.cpp" line="117"/>
        <source>Fixed in</source>
        <translation>Behoben in</translation>
    </message>
    <message>
        <location filename="../views/findingsmodel.cpp" line="118"/>
        <source>Fix state</source>
        <translation>Behebungsstatus</translation>
    </message>
    <message>
        <location filename="../views/findingsmodel.cpp" line="119"/>
        <source>CVSS</source>
        <translation>CVSS</translation>
    </message>
    <message>
        <location filename="../views/findingsmodel.cpp" line="120"/>
        <source>EPSS</source>
        <translation>EPSS</translation>
    </message>
    <message>
        <location filename="../views/findingsmodel.cpp" line="122"/>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <location filename="../views/findingsmodel.cpp" line="123"/>
        <source>Instruction</source>
        <translation>Anweisung</translation>
    </message>
</context>
<context>
    <name>bulkhead::ImageCatalogModel</name>
    <message>
        <location filename="../views/imagecatalog.cpp" line="330"/>
        <location filename="../views/imagecatalog.cpp" line="331"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../views/imagecatalog.cpp" line="432"/>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <location filename="../views/imagecatalog.cpp" line="433"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../views/imagecatalog.cpp" line="434"/>
        <source>Location</source>
        <translation>Ort</translation>
    </message>
    <message>
        <location filename="../views/imagecatalog.cpp" line="435"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location filename="../views/imagecatalog.cpp" line="436"/>
        <source>Changed</source>
        <translation>Geändert</translation>
    </message>
</context>
<context>
    <name>bulkhead::ImagesView</name>
    <message>
        <location filename="../views/imagesview.cpp" line="46"/>
        <source>Open image file…</source>
        <translation>Image-Datei öffnen…</translation>
    </message>
    <message>
        <location filename="../views/imagesview.cpp" line="47"/>
        <source>A docker save / podman save tarball, an OCI archive or an OCI layout folder (Ctrl+O)</source>
        <translation>Ein Tarball von docker save / podman save, ein OCI-Archiv oder ein OCI-Layout-Ordner (Strg+O)</translation>
    </message>
    <message>
        <location filename="../views/imagesview.cpp" line="48"/>
        <source>Open OCI folder…</source>
        <translation>OCI-Ordner öffnen…</translation>
    </message>
    <message>
        <location filename="../views/imagesview.cpp" line="49"/>
        <source>Scan</source>
        <translation>Scannen</translation>
    </message>
    <message>
        <location filename="../views/imagesview.cpp" line="52"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../views/imagesview.cpp" line="53"/>
        <source>Image reference, e.g. docker.io/library/debian:12</source>
        <translation>Image-Referenz, z. B. docker.io/library/debian:12</translation>
    </message>
    <message>
        <location filename="../views/imagesview.cpp" line="55"/>
        <source>Filter scanned images</source>
        <translation>Gescannte Images filtern</translation>
    </message>
    <message>
        <location filename="../views/imagesview.cpp" line="58"/>
        <source>Drop an image tarball or an OCI layout folder here to scan it.</source>
        <translation>Ein Image-Tarball oder einen OCI-Layout-Ordner hierher ziehen, um ihn zu scannen.</translation>
    </message>
    <message>
        <location filename="../views/imagesview.cpp" line="95"/>
        <source>Scan selected</source>
        <translation>Auswahl scannen</translation>
    </message>
    <message>
        <location filename="../views/imagesview.cpp" line="98"/>
        <source>Browse repository, e.g. registry.example.com/team/app</source>
        <translation>Repository durchsuchen, z. B. registry.example.com/team/app</translation>
    </message>
    <message>
        <location filename="../views/imagesview.cpp" line="99"/>
        <source>Lists the tags of a registry repository here, also for registries that do not list their repositories (Docker Hub)</source>
        <translation>Listet hier die Tags eines Registry-Repositorys auf, auch bei Registries, die ihre Repositorys nicht auflisten (Docker Hub)</translation>
    </message>
    <message>
        <location filename="../views/imagesview.cpp" line="102"/>
        <source>List tags</source>
        <translation>Tags auflisten</translation>
    </message>
    <message>
        <location filename="../views/imagesview.cpp" line="114"/>
        <source>Scanned images:</source>
        <translation>Gescannte Images:</translation>
    </message>
    <message>
        <location filename="../views/imagesview.cpp" line="119"/>
        <source>Available images:</source>
        <translation>Verfügbare Images:</translation>
    </message>
    <message>
        <location filename="../views/imagesview.cpp" line="169"/>
        <source>Open OCI layout folder</source>
        <translation>OCI-Layout-Ordner öffnen</translation>
    </message>
    <message>
        <location filename="../views/imagesview.cpp" line="189"/>
        <source>listing…</source>
        <translation>wird aufgelistet…</translation>
    </message>
    <message>
        <location filename="../views/imagesview.cpp" line="231"/>
        <source>Type a repository first, e.g. registry.example.com/team/app.</source>
        <translation>Zuerst ein Repository eingeben, z. B. registry.example.com/team/app.</translation>
    </message>
    <message>
        <location filename="../views/imagesview.cpp" line="263"/>
        <source>Open image file</source>
        <translation>Image-Datei öffnen</translation>
    </message>
    <message>
        <location filename="../views/imagesview.cpp" line="264"/>
        <source>Image archives (*.tar *.tar.gz *.tgz *.tar.zst);;All files (*)</source>
        <translation>Image-Archive (*.tar *.tar.gz *.tgz *.tar.zst);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>bulkhead::LayersModel</name>
    <message>
        <location filename="../views/layersmodel.cpp" line="83"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../views/layersmodel.cpp" line="84"/>
        <source>Instruction</source>
        <translation>Anweisung</translation>
    </message>
    <message>
        <location filename="../views/layersmodel.cpp" line="85"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location filename="../views/layersmodel.cpp" line="86"/>
        <source>Packages</source>
        <translation>Pakete</translation>
    </message>
    <message>
        <location filename="../views/layersmodel.cpp" line="87"/>
        <source>Findings</source>
        <translation>Befunde</translation>
    </message>
</context>
<context>
    <name>bulkhead::MainWindow</name>
    <message>
        <location filename="../views/mainwindow.cpp" line="70"/>
        <source>Scans</source>
        <translation>Scans</translation>
    </message>
    <message>
        <location filename="../views/mainwindow.cpp" line="72"/>
        <location filename="../views/mainwindow.cpp" line="291"/>
        <location filename="../views/mainwindow.cpp" line="299"/>
        <source>Bulkhead</source>
        <translation>Bulkhead</translation>
    </message>
    <message>
        <location filename="../views/mainwindow.cpp" line="87"/>
        <location filename="../views/mainwindow.cpp" line="95"/>
        <source>Compare</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <location filename="../views/mainwindow.cpp" line="88"/>
        <source>Compare two scans of an image: new, fixed and unchanged findings. Coming soon.</source>
        <translation>Zwei Scans eines Images vergleichen: neue, behobene und unveränderte Befunde. Demnächst.</translation>
    </message>
    <message>
        <location filename="../views/mainwindow.cpp" line="89"/>
        <location filename="../views/mainwindow.cpp" line="95"/>
        <source>Remediation</source>
        <translation>Behebung</translation>
    </message>
    <message>
        <location filename="../views/mainwindow.cpp" line="90"/>
        <source>Which package or base image upgrades remove the most risk. Coming soon.</source>
        <translation>Welche Paket- oder Basis-Image-Updates das meiste Risiko beseitigen. Demnächst.</translation>
    </message>
    <message>
        <location filename="../views/mainwindow.cpp" line="91"/>
        <location filename="../views/mainwindow.cpp" line="95"/>
        <source>Compliance</source>
        <translation>Konformität</translation>
    </message>
    <message>
        <location filename="../views/mainwindow.cpp" line="92"/>
        <source>Configuration checks of the image against benchmarks. Coming soon.</source>
        <translation>Konfigurationsprüfungen des Images gegen Benchmarks. Demnächst.</translation>
    </message>
    <message>
        <location filename="../views/mainwindow.cpp" line="94"/>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location filename="../views/mainwindow.cpp" line="94"/>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <location filename="../views/mainwindow.cpp" line="94"/>
        <source>Results</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <location filename="../views/mainwindow.cpp" line="94"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../views/mainwindow.cpp" line="103"/>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Strg+%2)</translation>
    </message>
    <message>
        <location filename="../views/mainwindow.cpp" line="106"/>
        <source>%1: coming soon</source>
        <translation>%1: demnächst</translation>
    </message>
    <message>
        <location filename="../views/mainwindow.cpp" line="120"/>
        <source>Navigation</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <location filename="../views/mainwindow.cpp" line="141"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../views/mainwindow.cpp" line="142"/>
        <source>&amp;Open Image File…</source>
        <translation>Image-Datei ö&amp;ffnen…</translation>
    </message>
    <message>
        <location filename="../views/mainwindow.cpp" line="145"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../views/mainwindow.cpp" line="147"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../views/mainwindow.cpp" line="153"/>
        <source>&amp;Find in Results</source>
        <translation>In Ergebnissen &amp;suchen</translation>
    </message>
    <message>
        <location filename="../views/mainwindow.cpp" line="158"/>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <location filename="../views/mainwindow.cpp" line="161"/>
        <source>Scan &amp;Queue</source>
        <translation>Scan-&amp;Warteschlange</translation>
    </message>
    <message>
        <location filename="../views/mainwindow.cpp" line="169"/>
        <source>Scan of %1 failed: %2</source>
        <translation>Scan von %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location filename="../views/mainwindow.cpp" line="172"/>
        <source>Scan of %1 cancelled.</source>
        <translation>Scan von %1 abgebrochen.</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/mainwindow.cpp" line="175"/>
        <source>%n scan(s) running or queued; see the Scans panel.</source>
        <translation>
            <numerusform>%n Scan läuft oder wartet; siehe Bereich „Scans“.</numerusform>
            <numerusform>%n Scans laufen oder warten; siehe Bereich „Scans“.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/mainwindow.cpp" line="210"/>
        <source>Triage saved.</source>
        <translation>Bewertung gespeichert.</translation>
    </message>
    <message>
        <location filename="../views/mainwindow.cpp" line="212"/>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <location filename="../views/mainwindow.cpp" line="244"/>
        <source>Scanning %1…</source>
        <translation>Scanne %1…</translation>
    </message>
    <message>
        <location filename="../views/mainwindow.cpp" line="257"/>
        <source>The scan of %1 could not be saved: %2</source>
        <translation>Der Scan von %1 konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <location filename="../views/mainwindow.cpp" line="271"/>
        <source>an image</source>
        <translation>ein Image</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/mainwindow.cpp" line="272"/>
        <source>Scan of %1 finished: %n finding(s) (%2 critical)</source>
        <translation>
            <numerusform>Scan von %1 fertig: %n Befund (%2 kritisch)</numerusform>
            <numerusform>Scan von %1 fertig: %n Befunde (%2 kritisch)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/mainwindow.cpp" line="278"/>
        <location filename="../views/mainwindow.cpp" line="327"/>
        <source>%1 – Bulkhead</source>
        <translation>%1 – Bulkhead</translation>
    </message>
    <message>
        <location filename="../views/mainwindow.cpp" line="344"/>
        <source>Loading scan…</source>
        <translation>Lade Scan…</translation>
    </message>
</context>
<context>
    <name>bulkhead::PackagesModel</name>
    <message>
        <location filename="../views/packagesmodel.cpp" line="96"/>
        <source>Package</source>
        <translation>Paket</translation>
    </message>
    <message>
        <location filename="../views/packagesmodel.cpp" line="97"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../views/packagesmodel.cpp" line="98"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../views/packagesmodel.cpp" line="99"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../views/packagesmodel.cpp" line="100"/>
        <source>Licences</source>
        <translation>Lizenzen</translation>
    </message>
    <message>
        <location filename="../views/packagesmodel.cpp" line="101"/>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <location filename="../views/packagesmodel.cpp" line="102"/>
        <source>Findings</source>
        <translation>Befunde</translation>
    </message>
    <message>
        <location filename="../views/packagesmodel.cpp" line="103"/>
        <source>Worst</source>
        <translation>Max. Schweregrad</translation>
    </message>
    <message>
        <location filename="../views/packagesmodel.cpp" line="104"/>
        <source>Found in</source>
        <translation>Gefunden in</translation>
    </message>
</context>
<context>
    <name>bulkhead::ResultsView</name>
    <message>
        <location filename="../views/resultsview.cpp" line="115"/>
        <source>No scan loaded. Open an image or pick a scan from the history.</source>
        <translation>Kein Scan geladen. Ein Image öffnen oder einen Scan aus dem Verlauf wählen.</translation>
    </message>
    <message>
        <location filename="../views/resultsview.cpp" line="123"/>
        <source>Findings</source>
        <translation>Befunde</translation>
    </message>
    <message>
        <location filename="../views/resultsview.cpp" line="124"/>
        <source>Packages</source>
        <translation>Pakete</translation>
    </message>
    <message>
        <location filename="../views/resultsview.cpp" line="125"/>
        <source>Layers</source>
        <translation>Schichten</translation>
    </message>
    <message>
        <location filename="../views/resultsview.cpp" line="135"/>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <location filename="../views/resultsview.cpp" line="140"/>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../views/resultsview.cpp" line="182"/>
        <source>Show %1 findings</source>
        <translation>Befunde mit Schweregrad „%1“ anzeigen</translation>
    </message>
    <message>
        <location filename="../views/resultsview.cpp" line="188"/>
        <source>Fixable only</source>
        <translation>Nur behebbare</translation>
    </message>
    <message>
        <location filename="../views/resultsview.cpp" line="189"/>
        <source>Known exploited only</source>
        <translation>Nur bekannt ausgenutzte</translation>
    </message>
    <message>
        <location filename="../views/resultsview.cpp" line="196"/>
        <source>Search id, alias, package, summary (Ctrl+F)</source>
        <translation>ID, Alias, Paket, Zusammenfassung suchen (Strg+F)</translation>
    </message>
    <message>
        <location filename="../views/resultsview.cpp" line="202"/>
        <source>No grouping</source>
        <translation>Keine Gruppierung</translation>
    </message>
    <message>
        <location filename="../views/resultsview.cpp" line="203"/>
        <source>Group by package</source>
        <translation>Nach Paket gruppieren</translation>
    </message>
    <message>
        <location filename="../views/resultsview.cpp" line="204"/>
        <source>Group by vulnerability</source>
        <translation>Nach Schwachstelle gruppieren</translation>
    </message>
    <message>
        <location filename="../views/resultsview.cpp" line="260"/>
        <source>Filter packages</source>
        <translation>Pakete filtern</translation>
    </message>
    <message>
        <location filename="../views/resultsview.cpp" line="285"/>
        <location filename="../views/resultsview.cpp" line="363"/>
        <source>Select a layer to see the packages and findings it introduced.</source>
        <translation>Eine Schicht wählen, um ihre Pakete und Befunde zu sehen.</translation>
    </message>
    <message>
        <location filename="../views/resultsview.cpp" line="374"/>
        <source>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; %2 &amp;nbsp; %3 packages, %4 layers, scanned %5&lt;br&gt;%6</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; %2 &amp;nbsp; %3 Pakete, %4 Schichten, gescannt am %5&lt;br&gt;%6</translation>
    </message>
    <message>
        <location filename="../views/resultsview.cpp" line="379"/>
        <source>Vulnerabilities not checked.</source>
        <translation>Schwachstellen nicht geprüft.</translation>
    </message>
    <message>
        <location filename="../views/resultsview.cpp" line="380"/>
        <source>No known vulnerabilities found.</source>
        <translation>Keine bekannten Schwachstellen gefunden.</translation>
    </message>
    <message>
        <location filename="../views/resultsview.cpp" line="404"/>
        <source>No vulnerability database: only the inventory was produced. Update it under Settings.</source>
        <translation>Keine Schwachstellen-Datenbank: Es wurde nur das Inventar erstellt. Die Datenbank unter „Einstellungen“ aktualisieren.</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/resultsview.cpp" line="409"/>
        <source>%n layer warning(s)</source>
        <translation>
            <numerusform>%n Schicht-Warnung</numerusform>
            <numerusform>%n Schicht-Warnungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../views/resultsview.cpp" line="411"/>
        <source>%n package warning(s)</source>
        <translation>
            <numerusform>%n Paket-Warnung</numerusform>
            <numerusform>%n Paket-Warnungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../views/resultsview.cpp" line="413"/>
        <source>%n cache warning(s)</source>
        <translation>
            <numerusform>%n Cache-Warnung</numerusform>
            <numerusform>%n Cache-Warnungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../views/resultsview.cpp" line="415"/>
        <source>%n %1 warning(s)</source>
        <translation>
            <numerusform>%n Warnung (%1)</numerusform>
            <numerusform>%n Warnungen (%1)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/resultsview.cpp" line="417"/>
        <source> (hover for details)</source>
        <translation> (Details im Tooltip)</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/resultsview.cpp" line="420"/>
        <source>… and %n more</source>
        <translation>
            <numerusform>… und %n weitere</numerusform>
            <numerusform>… und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/resultsview.cpp" line="507"/>
        <source>Layer %1 introduced %2 packages and %3 findings.</source>
        <translation>Schicht %1 brachte %2 Pakete und %3 Befunde.</translation>
    </message>
    <message>
        <location filename="../views/resultsview.cpp" line="516"/>
        <source>Showing %1 of %2 findings</source>
        <translation>%1 von %2 Befunden angezeigt</translation>
    </message>
</context>
<context>
    <name>bulkhead::ScanQueueModel</name>
    <message>
        <location filename="../views/scanqueuemodel.cpp" line="33"/>
        <source>Waiting for a free worker</source>
        <translation>Wartet auf einen freien Worker</translation>
    </message>
    <message>
        <location filename="../views/scanqueuemodel.cpp" line="41"/>
        <source>Starting</source>
        <translation>Startet</translation>
    </message>
    <message>
        <location filename="../views/scanqueuemodel.cpp" line="76"/>
        <location filename="../views/scanqueuemodel.cpp" line="178"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location filename="../views/scanqueuemodel.cpp" line="77"/>
        <source>Cancelled by the user.</source>
        <translation>Vom Benutzer abgebrochen.</translation>
    </message>
    <message>
        <location filename="../views/scanqueuemodel.cpp" line="86"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/scanqueuemodel.cpp" line="87"/>
        <source>%n package(s), %1 finding(s)</source>
        <translation>
            <numerusform>%n Paket, %1 Befunde</numerusform>
            <numerusform>%n Pakete, %1 Befunde</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/scanqueuemodel.cpp" line="93"/>
        <location filename="../views/scanqueuemodel.cpp" line="177"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../views/scanqueuemodel.cpp" line="107"/>
        <source>Cancelling…</source>
        <translation>Breche ab…</translation>
    </message>
    <message>
        <location filename="../views/scanqueuemodel.cpp" line="174"/>
        <source>Queued</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <location filename="../views/scanqueuemodel.cpp" line="175"/>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <location filename="../views/scanqueuemodel.cpp" line="176"/>
        <source>Finished</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location filename="../views/scanqueuemodel.cpp" line="226"/>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <location filename="../views/scanqueuemodel.cpp" line="227"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../views/scanqueuemodel.cpp" line="228"/>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location filename="../views/scanqueuemodel.cpp" line="229"/>
        <source>Stage</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <location filename="../views/scanqueuemodel.cpp" line="230"/>
        <source>Read</source>
        <translation>Gelesen</translation>
    </message>
</context>
<context>
    <name>bulkhead::ScanQueueView</name>
    <message>
        <location filename="../views/scanqueueview.cpp" line="66"/>
        <source>Clear finished</source>
        <translation>Fertige entfernen</translation>
    </message>
    <message>
        <location filename="../views/scanqueueview.cpp" line="67"/>
        <source>Cancel all</source>
        <translation>Alle abbrechen</translation>
    </message>
    <message>
        <location filename="../views/scanqueueview.cpp" line="109"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../views/scanqueueview.cpp" line="110"/>
        <source>Cancel the scan of %1</source>
        <translation>Scan von %1 abbrechen</translation>
    </message>
    <message>
        <location filename="../views/scanqueueview.cpp" line="121"/>
        <source>No scan running.</source>
        <translation>Kein Scan läuft.</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/scanqueueview.cpp" line="121"/>
        <source>%n scan(s) queued or running.</source>
        <translation>
            <numerusform>%n Scan wartet oder läuft.</numerusform>
            <numerusform>%n Scans warten oder laufen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bulkhead::ScansModel</name>
    <message>
        <location filename="../views/scansmodel.cpp" line="79"/>
        <source>Scanned</source>
        <translation>Gescannt</translation>
    </message>
    <message>
        <location filename="../views/scansmodel.cpp" line="80"/>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <location filename="../views/scansmodel.cpp" line="81"/>
        <source>OS</source>
        <translation>Betriebssystem</translation>
    </message>
    <message>
        <location filename="../views/scansmodel.cpp" line="82"/>
        <source>KEV</source>
        <translation>KEV</translation>
    </message>
    <message>
        <location filename="../views/scansmodel.cpp" line="83"/>
        <source>Packages</source>
        <translation>Pakete</translation>
    </message>
</context>
<context>
    <name>bulkhead::SettingsView</name>
    <message>
        <location filename="../views/settingsview.cpp" line="48"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="85"/>
        <source>insecure (no certificate check)</source>
        <translation>unsicher (keine Zertifikatsprüfung)</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="87"/>
        <source>CA %1</source>
        <translation>CA %1</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="101"/>
        <source>Added %1 without a login (anonymous pulls).</source>
        <translation>%1 ohne Anmeldung hinzugefügt (anonyme Pulls).</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="106"/>
        <source>Login to %1 failed: %2</source>
        <translation>Anmeldung bei %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="108"/>
        <source>The login for %1 works but could not be stored: %2</source>
        <translation>Die Anmeldung bei %1 funktioniert, konnte aber nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="110"/>
        <source>Logged in to %1 as %2; the password is in the system keychain.</source>
        <translation>Bei %1 als %2 angemeldet; das Passwort liegt im Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="128"/>
        <source>Removed %1; its keychain login could not be removed: %2</source>
        <translation>%1 entfernt; die Anmeldung im Schlüsselbund konnte nicht entfernt werden: %2</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="130"/>
        <source>Removed %1 and its login from the keychain.</source>
        <translation>%1 und die zugehörige Anmeldung im Schlüsselbund entfernt.</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="131"/>
        <source>Removed %1.</source>
        <translation>%1 entfernt.</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="160"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/settingsview.cpp" line="165"/>
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>vor %n Minute</numerusform>
            <numerusform>vor %n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../views/settingsview.cpp" line="167"/>
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>vor %n Stunde</numerusform>
            <numerusform>vor %n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../views/settingsview.cpp" line="168"/>
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="254"/>
        <source>Update cancelled; the database is unchanged.</source>
        <translation>Aktualisierung abgebrochen; die Datenbank ist unverändert.</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="256"/>
        <source>Update failed: %1 The database is unchanged.</source>
        <translation>Aktualisierung fehlgeschlagen: %1 Die Datenbank ist unverändert.</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/settingsview.cpp" line="265"/>
        <source>Updated %n feed(s): %1 records imported, %2 unchanged.</source>
        <translation>
            <numerusform>%n Feed aktualisiert: %1 Einträge importiert, %2 unverändert.</numerusform>
            <numerusform>%n Feeds aktualisiert: %1 Einträge importiert, %2 unverändert.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="282"/>
        <location filename="../views/settingsview.cpp" line="302"/>
        <source>Vulnerability database</source>
        <translation>Schwachstellen-Datenbank</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="284"/>
        <source>Reading the database…</source>
        <translation>Lese die Datenbank…</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="288"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="288"/>
        <source>Records</source>
        <translation>Einträge</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="288"/>
        <source>Imported (UTC)</source>
        <translation>Importiert (UTC)</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="288"/>
        <source>Age</source>
        <translation>Alter</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="289"/>
        <source>Update now</source>
        <translation>Jetzt aktualisieren</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="290"/>
        <source>Download the advisory feeds below and rebuild the database (like &apos;bulkhead db update&apos;)</source>
        <translation>Die unten stehenden Advisory-Feeds herunterladen und die Datenbank neu aufbauen (wie &apos;bulkhead db update&apos;)</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="291"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="299"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="302"/>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="325"/>
        <source>Advisory feeds</source>
        <translation>Advisory-Feeds</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="326"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="326"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="329"/>
        <source>Saved to %1, which &apos;bulkhead db update&apos; reads too.</source>
        <translation>Gespeichert in %1; auch &apos;bulkhead db update&apos; liest diese Datei.</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="332"/>
        <location filename="../views/settingsview.cpp" line="405"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="333"/>
        <location filename="../views/settingsview.cpp" line="407"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="334"/>
        <source>Restore defaults</source>
        <translation>Standard wiederherstellen</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="347"/>
        <source>new-feed</source>
        <translation>neuer-feed</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="365"/>
        <source>Storage</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="370"/>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="371"/>
        <source>No cache</source>
        <translation>Kein Cache</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="372"/>
        <source>Disk space for cached layer analysis results</source>
        <translation>Speicherplatz für zwischengespeicherte Analyseergebnisse der Schichten</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="375"/>
        <source>Scan history:</source>
        <translation>Scan-Verlauf:</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="375"/>
        <source>Scan history</source>
        <translation>Scan-Verlauf</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="376"/>
        <source>Layer cache folder:</source>
        <translation>Schicht-Cache-Ordner:</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="376"/>
        <source>Layer cache folder</source>
        <translation>Schicht-Cache-Ordner</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="377"/>
        <source>Layer cache size:</source>
        <translation>Schicht-Cache-Größe:</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="378"/>
        <source>In use:</source>
        <translation>Belegt:</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="384"/>
        <source>Registries</source>
        <translation>Registries</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="385"/>
        <source>Registry</source>
        <translation>Registry</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="385"/>
        <source>Login</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="385"/>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="389"/>
        <source>registry.example.com[:port]</source>
        <translation>registry.example.com[:Port]</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="392"/>
        <source>user (optional)</source>
        <translation>Benutzername (optional)</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="399"/>
        <source>CA certificate (PEM), if not a public CA</source>
        <translation>CA-Zertifikat (PEM), falls keine öffentliche CA</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="400"/>
        <source>Insecure (no certificate check, plain HTTP allowed)</source>
        <translation>Unsicher (keine Zertifikatsprüfung, unverschlüsseltes HTTP erlaubt)</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="406"/>
        <source>Checks the login against the registry (like &apos;bulkhead login&apos;), then saves it</source>
        <translation>Prüft die Anmeldedaten bei der Registry (wie &apos;bulkhead login&apos;) und speichert sie dann</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="412"/>
        <source>Registry:</source>
        <translation>Registry:</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="413"/>
        <source>Login:</source>
        <translation>Anmeldung:</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="414"/>
        <source>CA file:</source>
        <translation>CA-Datei:</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="414"/>
        <source>CA certificate</source>
        <translation>CA-Zertifikat</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="416"/>
        <source>Shared with the command line: the list and TLS options are in %1, passwords in the system keychain. Changes here apply at once.</source>
        <translation>Gemeinsam mit der Kommandozeile genutzt: Die Liste und die TLS-Optionen liegen in %1, Passwörter im Schlüsselbund des Systems. Änderungen hier gelten sofort.</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="459"/>
        <source>anonymous</source>
        <translation>anonym</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="461"/>
        <source>%1 (from %2)</source>
        <translation>%1 (aus %2)</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="463"/>
        <source>system CAs</source>
        <translation>System-CAs</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="485"/>
        <source>The CA file %1 does not exist.</source>
        <translation>Die CA-Datei %1 existiert nicht.</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="491"/>
        <source>the Settings form</source>
        <translation>Einstellungsformular</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="493"/>
        <source>Enter the user name that goes with the password.</source>
        <translation>Den zum Passwort gehörenden Benutzernamen eingeben.</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="500"/>
        <source>Adding %1…</source>
        <translation>Füge %1 hinzu…</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="500"/>
        <source>Checking the login to %1…</source>
        <translation>Prüfe die Anmeldung bei %1…</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="521"/>
        <source>Removing %1…</source>
        <translation>Entferne %1…</translation>
    </message>
    <message>
        <source>User</source>
        <translation type="vanished">Benutzer</translation>
    </message>
    <message>
        <source>user</source>
        <translation type="vanished">Benutzer</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="396"/>
        <source>password or token</source>
        <translation>Passwort oder Token</translation>
    </message>
    <message>
        <source>Passwords are kept in the system keychain, not in the settings file.</source>
        <translation type="vanished">Passwörter liegen im Schlüsselbund des Systems, nicht in der Einstellungsdatei.</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="476"/>
        <source>Enter the registry&apos;s host name first.</source>
        <translation>Zuerst den Hostnamen der Registry eingeben.</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="609"/>
        <source>No database at this path yet. Use &quot;Update now&quot; to download the feeds.</source>
        <translation>Unter diesem Pfad gibt es noch keine Datenbank. Mit „Jetzt aktualisieren“ die Feeds herunterladen.</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/settingsview.cpp" line="613"/>
        <source>%1 vulnerabilities from %n source(s), %2 on disk, schema %3; newest data %4.</source>
        <translation>
            <numerusform>%1 Schwachstellen aus %n Quelle, %2 auf der Festplatte, Schema %3; neueste Daten: %4.</numerusform>
            <numerusform>%1 Schwachstellen aus %n Quellen, %2 auf der Festplatte, Schema %3; neueste Daten: %4.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="642"/>
        <source>No feed is configured; add one under Advisory feeds.</source>
        <translation>Kein Feed konfiguriert; unter „Advisory-Feeds“ einen hinzufügen.</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="649"/>
        <source>Starting the update…</source>
        <translation>Starte die Aktualisierung…</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="657"/>
        <source>Cancelling…</source>
        <translation>Breche ab…</translation>
    </message>
    <message>
        <location filename="../views/settingsview.cpp" line="163"/>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
</context>
</TS>
