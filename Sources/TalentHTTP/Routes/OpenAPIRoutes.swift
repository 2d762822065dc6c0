import Hummingbird

/// `GET /openapi.yaml`: the API's description. The document is compiled into the program
/// (`resources: [.embedInCode(…)]` in Package.swift), not looked up at run time: an installed talentd
/// is one file, and it cannot serve a document of another version. The file is
/// `Sources/TalentHTTP/OpenAPI/openapi.yaml`, inside the target as SwiftPM requires, and
/// `Docs/openapi.yaml` is a symbolic link to it, so there is one copy to edit.
struct OpenAPIRoutes: RouteGroup {
    static let contentType = "application/yaml"

    static let document = String(decoding: PackageResources.openapi_yaml, as: UTF8.self)

    func add(to routes: RouteTable) {
        routes.get("/openapi.yaml") { _, _ in
            Wire.text(Self.document, contentType: Self.contentType)
        }
    }
}
