#pragma once
// The engines' own CLIs against the private sockets of the ctest fixture "engines":
// `docker -H unix://SOCKET …` / `podman --remote --url unix://SOCKET …`.

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace bulkhead::test {

// Runs `engine` ("docker" or "podman") with `args` against `socket`; its standard output, or a
// null QByteArray with `error` set when it failed.
QByteArray runEngineCli(const QString &engine, const QString &socket, const QStringList &args, QString *error);

} // namespace bulkhead::test
