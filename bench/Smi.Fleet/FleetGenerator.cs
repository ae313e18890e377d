using System.Globalization;
using System.Text;

namespace Smi.Fleet;

/// <summary>
/// Generates a deterministic fleet: namespaces of applications, each with a ServiceAccount, a root Service, 2-5
/// versioned backend Services and Deployments, and four SMI objects (HTTPRouteGroup, TCPRoute, TrafficSplit,
/// TrafficTarget). Only SMI objects count towards the requested size; the Kubernetes objects are their context.
/// </summary>
public static class FleetGenerator
{
    /// <summary>SMI objects each application contributes.</summary>
    public const int SmiObjectsPerApp = 4;

    /// <summary>Applications per namespace.</summary>
    public const int AppsPerNamespace = 5;

    /// <summary>Generates the fleet, one YAML file per namespace.</summary>
    /// <param name="smiObjects">How many SMI objects to generate.</param>
    /// <param name="seed">The seed: the same seed gives byte-identical files.</param>
    /// <returns>The files as (file name, YAML text), in file name order.</returns>
    public static IEnumerable<FleetFile> Generate(int smiObjects, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(smiObjects);
        var random = new Random(seed);
        var apps = (smiObjects + SmiObjectsPerApp - 1) / SmiObjectsPerApp;
        var namespaces = (apps + AppsPerNamespace - 1) / AppsPerNamespace;
        var remaining = smiObjects;
        for (var n = 0; n < namespaces; n++)
        {
            var ns = Namespace(n);
            var text = new StringBuilder();
            Document(text, $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {ns}\n");
            for (var a = 0; a < AppsPerNamespace && remaining > 0; a++)
            {
                var app = (n * AppsPerNamespace) + a;
                remaining -= App(text, random, ns, app, Math.Min(remaining, SmiObjectsPerApp));
            }

            yield return new FleetFile($"{ns}.yaml", text.ToString());
        }
    }

    /// <summary>Writes the fleet into a folder, replacing the generated files already there.</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="smiObjects">How many SMI objects to generate.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>What was written.</returns>
    public static FleetSummary Write(string directory, int smiObjects, int seed)
    {
        Directory.CreateDirectory(directory);
        foreach (var stale in Directory.EnumerateFiles(directory, "ns-*.yaml"))
        {
            File.Delete(stale);
        }

        var files = 0;
        var documents = 0;
        long bytes = 0;
        foreach (var file in Generate(smiObjects, seed))
        {
            File.WriteAllText(Path.Combine(directory, file.Name), file.Text);
            files++;
            documents += CountDocuments(file.Text);
            bytes += Encoding.UTF8.GetByteCount(file.Text);
        }

        return new FleetSummary(files, documents, smiObjects, bytes);
    }

    /// <summary>The name of the namespace with the given index.</summary>
    /// <param name="index">The index.</param>
    /// <returns>The name.</returns>
    public static string Namespace(int index) => $"ns-{index.ToString("D5", CultureInfo.InvariantCulture)}";

    /// <summary>The name of the application with the given global index (unique across namespaces).</summary>
    /// <param name="index">The index.</param>
    /// <returns>The name.</returns>
    public static string AppName(int index) => $"app-{index.ToString("D5", CultureInfo.InvariantCulture)}";

    /// <summary>Counts the documents of a generated file.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The number of documents.</returns>
    public static int CountDocuments(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = text.Length > 0 ? 1 : 0;
        for (var i = text.IndexOf("\n---\n", StringComparison.Ordinal); i >= 0; i = text.IndexOf("\n---\n", i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static int App(StringBuilder text, Random random, string ns, int index, int smiBudget)
    {
        var name = AppName(index);
        var caller = AppName(index == 0 ? 0 : index - 1);
        var callerNs = Namespace((index == 0 ? 0 : index - 1) / AppsPerNamespace);
        var backends = random.Next(2, 6);
        var splitMatches = random.Next(3) == 0;
        var routeMatches = random.Next(1, 4);

        Document(text, $"apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {name}\n  namespace: {ns}\n");
        Document(text, $"""
            apiVersion: v1
            kind: Service
            metadata:
              name: {name}
              namespace: {ns}
              labels:
                app: {name}
            spec:
              selector:
                app: {name}
              ports:
              - name: http
                port: 80
                targetPort: 8080

            """);
        for (var v = 1; v <= backends; v++)
        {
            Document(text, $"""
                apiVersion: v1
                kind: Service
                metadata:
                  name: {name}-v{v}
                  namespace: {ns}
                spec:
                  selector:
                    app: {name}
                    version: v{v}
                  ports:
                  - name: http
                    port: 80
                    targetPort: 8080

                """);
            Document(text, $"""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: {name}-v{v}
                  namespace: {ns}
                spec:
                  replicas: {random.Next(1, 4)}
                  selector:
                    matchLabels:
                      app: {name}
                      version: v{v}
                  template:
                    metadata:
                      annotations:
                        consul.hashicorp.com/connect-service: {name}-v{v}
                      labels:
                        app: {name}
                        version: v{v}
                    spec:
                      serviceAccountName: {name}
                      containers:
                      - name: app
                        image: example/{name}:1.{v}.0
                        ports:
                        - name: http
                          containerPort: 8080
                        - name: tcp-admin
                          containerPort: 9000

                """);
        }

        var written = 0;
        if (written < smiBudget)
        {
            var matches = new StringBuilder();
            matches.Append("  - name: api\n    pathRegex: /api/.*\n    methods:\n    - GET\n    - POST\n");
            if (routeMatches >= 2)
            {
                matches.Append("  - name: metrics\n    pathRegex: /metrics\n    methods:\n    - GET\n");
            }

            if (routeMatches >= 3)
            {
                matches.Append("  - name: android\n    headers:\n    - user-agent: .*Android.*\n");
            }

            Document(text, $"apiVersion: specs.smi-spec.io/v1alpha4\nkind: HTTPRouteGroup\nmetadata:\n  name: {name}-routes\n  namespace: {ns}\nspec:\n  matches:\n{matches}");
            written++;
        }

        if (written < smiBudget)
        {
            Document(text, $"apiVersion: specs.smi-spec.io/v1alpha4\nkind: TCPRoute\nmetadata:\n  name: {name}-tcp\n  namespace: {ns}\nspec: {{}}\n");
            written++;
        }

        if (written < smiBudget)
        {
            var split = new StringBuilder();
            split.Append(CultureInfo.InvariantCulture, $"apiVersion: split.smi-spec.io/v1alpha4\nkind: TrafficSplit\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  service: {name}\n");
            if (splitMatches)
            {
                split.Append(CultureInfo.InvariantCulture, $"  matches:\n  - kind: HTTPRouteGroup\n    name: {name}-routes\n");
            }

            // A split with matches is an A/B test: matching requests all go to one backend, which every mesh can
            // express; a plain split is a weighted canary over every backend.
            var chosen = random.Next(1, backends + 1);
            split.Append("  backends:\n");
            for (var v = 1; v <= backends; v++)
            {
                var weight = splitMatches ? (v == chosen ? 100 : 0) : random.Next(1, 11) * 10;
                split.Append(CultureInfo.InvariantCulture, $"  - service: {name}-v{v}\n    weight: {weight}\n");
            }

            Document(text, split.ToString());
            written++;
        }

        if (written < smiBudget)
        {
            Document(text, $"""
                apiVersion: access.smi-spec.io/v1alpha3
                kind: TrafficTarget
                metadata:
                  name: {name}-callers
                  namespace: {ns}
                spec:
                  destination:
                    kind: ServiceAccount
                    name: {name}
                    namespace: {ns}
                  rules:
                  - kind: HTTPRouteGroup
                    name: {name}-routes
                    matches:
                    - api
                  - kind: TCPRoute
                    name: {name}-tcp
                  sources:
                  - kind: ServiceAccount
                    name: {caller}
                    namespace: {callerNs}

                """);
            written++;
        }

        return written;
    }

    private static void Document(StringBuilder text, string document)
    {
        if (text.Length > 0)
        {
            text.Append("---\n");
        }

        text.Append(document);
    }
}

/// <summary>One generated file.</summary>
/// <param name="Name">The file name.</param>
/// <param name="Text">The YAML text.</param>
public sealed record FleetFile(string Name, string Text);

/// <summary>What <see cref="FleetGenerator.Write"/> wrote.</summary>
/// <param name="Files">Files written.</param>
/// <param name="Documents">Documents, Kubernetes context included.</param>
/// <param name="SmiObjects">SMI objects.</param>
/// <param name="Bytes">UTF-8 size of all files.</param>
public sealed record FleetSummary(int Files, int Documents, int SmiObjects, long Bytes);
