#pragma once
// RegistrySource: an image pulled from a registry ("registry:REF", or a plain reference such as
// "nginx:1.25" or "127.0.0.1:5000/x:y"). open() fetches the manifest (by tag or digest), follows an
// index / manifest list to the wanted platform, and reads the verified config; streamLayers()
// downloads only the layer blobs asked for (the scanner skips layers it has cached by diff_id).
// Credentials come from the CredentialStore (keychain, then Docker's config).

#include "image/imagesource.h"
#include "image/registry/registryclient.h"

namespace bulkhead {

class RegistrySource final : public ImageSource {
public:
    // `reference` is the image reference; `spec` what the user typed (for ImageInfo::reference).
    RegistrySource(const QString &reference, const QString &spec);
    ~RegistrySource() override;

    Result<ImageInfo> open(const OpenOptions &options, const ProgressSink &progress) override;
    Result<void> streamLayers(const QSet<int> &wanted, LayerSink &sink, const ProgressSink &progress) override;

private:
    QString m_text;
    QString m_spec;
    QString m_repository;
    std::unique_ptr<RegistryClient> m_client;
    QVector<LayerInfo> m_layers;
};

} // namespace bulkhead
