using System.Collections.Immutable;
using System.Text;
using System.Text.Json.Nodes;
using Smi.Abstractions.Conversion;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;

namespace Smi.Adapters.GatewayApi.Migration;

/// <summary>
/// Rewrites a folder of manifests (a GitOps repository) off SMI: every SMI document is replaced by what a translator
/// generates for it, every other document and file is kept byte for byte, and a report lists each SMI object, what
/// replaced it and every diagnostic. Nothing is written when there are errors, unless <see
/// cref="MigrationOptions.Force"/>.
/// </summary>
/// <param name="translator">The translator of the target, normally the <c>gateway-api</c> one.</param>
public sealed class SmiMigration(IMeshTranslator translator)
{
    private const string IgnoredKind = "IgnoredKind";
    private const string MalformedManifest = "MalformedManifest";
    private const string NotAManifest = SmiReasons.NotAManifest;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly IMeshTranslator _translator = translator ?? throw new ArgumentNullException(nameof(translator));

    /// <summary>Reads the inputs, translates, and writes the output folder and its report.</summary>
    /// <param name="options">The inputs, output folder and force flag.</param>
    /// <returns>What was migrated; <see cref="MigrationResult.ExitCode"/> is 1 when there were errors.</returns>
    public MigrationResult Run(MigrationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var diagnostics = new List<Diagnostic>();
        var files = CollectFiles(options, diagnostics);

        // Read every manifest document on its own so each keeps its exact text.
        var objects = new List<LoadedObject>();
        var loader = new ManifestLoader();
        foreach (var file in files.Where(f => f.Manifest))
        {
            file.Segments = file.Json
                ? [new ManifestSegment(string.Empty, file.Text!, 1)]
                : ManifestSegment.Split(file.Text!);
            foreach (var segment in file.Segments)
            {
                var loaded = loader.LoadText(segment.Text, file.Relative);
                var shift = segment.FirstLine - 1;
                var smi = loaded.Objects.Where(o => SmiVersions.IsSmiGroup(o.Ref.ApiVersion)).ToList();
                var document = new DocumentInfo(
                    file, segment, [.. smi.Select(o => o with { Location = Shift(o.Location, shift) })]);
                file.Documents.Add(document);
                objects.AddRange(loaded.Objects.Select(o => o with { Location = Shift(o.Location, shift) }));
                diagnostics.AddRange(loaded.Diagnostics
                    .Select(d => d with { Location = d.Location is { } l ? Shift(l, shift) : null })
                    .Select(AsMigrationDiagnostic));
                if (smi.Count > 0 && smi.Count < loaded.Objects.Length)
                {
                    diagnostics.Add(Diagnostic.Error(GatewayApiReasons.MixedSmiList, smi[0].Ref, null,
                        "this List holds SMI and other objects; a document is replaced as a whole, so split the SMI "
                            + "objects into documents of their own") with { Location = Shift(smi[0].Location, shift) });
                }
            }
        }

        var snapshot = new SnapshotBuilder().Add(new LoadResult([.. objects], [])).Build();
        diagnostics.AddRange(snapshot.Diagnostics);
        var result = _translator.Translate(snapshot);
        diagnostics.AddRange(result.Diagnostics);
        diagnostics.RemoveAll(d => d.Reason == IgnoredKind);

        var placements = Place(files, snapshot, result);
        var migrated = new List<MigratedObject>();
        foreach (var document in files.SelectMany(f => f.Documents))
        {
            foreach (var smi in document.SmiObjects)
            {
                var units = snapshot.UnitsByInput.GetValueOrDefault(smi.Ref, []);
                var replacedBy = result.Resources.Where(r => units.Contains(r.Unit))
                    .Select(r => r.Ref).Distinct().Order().ToList();
                var writtenTo = placements.Where(p => p.Value.Any(units.Contains))
                    .Select(p => p.Key.File.Output).Order(StringComparer.Ordinal).FirstOrDefault();
                migrated.Add(new MigratedObject(smi.Ref, smi.Location, replacedBy, writtenTo));
            }
        }

        var hasErrors = diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        var write = !hasErrors || options.Force;
        var outputs = files.Select(f => f.Output).Append(MigrationResult.ReportFileName)
            .Order(StringComparer.Ordinal).ToList();
        var report = MigrationReport.Render(_translator.Mesh, files.Count, migrated, diagnostics,
            result.Resources.Length, write, hasErrors);
        if (write)
        {
            foreach (var file in files)
            {
                var path = Path.Combine(options.OutputDirectory, file.Output);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
                {
                    File.Delete(path);
                }

                if (file.LinkTarget is { } link)
                {
                    File.CreateSymbolicLink(path, link);
                    continue;
                }

                File.WriteAllBytes(path, Render(file, placements, result));
            }

            Directory.CreateDirectory(options.OutputDirectory);
            File.WriteAllText(Path.Combine(options.OutputDirectory, MigrationResult.ReportFileName), report, Utf8);
        }

        return new MigrationResult(hasErrors ? 1 : 0, write, migrated, diagnostics, outputs, report);
    }

    private static List<InputFile> CollectFiles(MigrationOptions options, List<Diagnostic> diagnostics)
    {
        var files = new List<InputFile>();
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(options.OutputDirectory))
        {
            diagnostics.Add(Diagnostic.Error(GatewayApiReasons.MissingOutputDirectory, null, null,
                "no output folder was given; name one"));
        }

        var reader = new InputReader(options.Limits);
        foreach (var path in options.Paths)
        {
            IEnumerable<InputEntry> found;
            if (Directory.Exists(path))
            {
                // Links inside the tree are copied as links; links out of it are refused; neither is dereferenced.
                found = reader.Find(path, _ => true, skipHiddenFolders: true, diagnostics);
            }
            else if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
            {
                found = [new InputEntry(path, Path.GetFileName(path), null)];
            }
            else
            {
                diagnostics.Add(Diagnostic.Error(SmiReasons.FileNotFound, null, null,
                    $"{path} is neither a file nor a folder")
                    with { Location = new SourceLocation(path, 0) });
                continue;
            }

            foreach (var entry in found)
            {
                var (full, relative) = (entry.Path, entry.Relative);
                if (outputs.TryGetValue(relative, out var other))
                {
                    diagnostics.Add(Diagnostic.Error(GatewayApiReasons.OutputPathCollision, null, null,
                        $"{full} and {other} would both be written as {relative}; migrate them in "
                        + "separate runs") with { Location = new SourceLocation(relative, 0) });
                    continue;
                }

                outputs[relative] = full;
                if (entry.LinkTarget is { } link)
                {
                    files.Add(new InputFile(relative, [], false, false, false) { LinkTarget = link });
                    continue;
                }

                if (reader.ReadBytes(full, diagnostics) is not { } bytes)
                {
                    continue;
                }

                var extension = Path.GetExtension(full);
                var manifest = ManifestLoader.ManifestExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase);
                var text = manifest ? InputReader.DecodeUtf8(bytes, relative, diagnostics) : null;
                var bom = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble);
                var json = string.Equals(extension, ".json", StringComparison.OrdinalIgnoreCase);
                files.Add(new InputFile(relative, bytes, text is not null, json, bom) { Text = text });
            }
        }

        return files;
    }

    /// <summary>Puts each unit's objects in place of the first SMI document that feeds it.</summary>
    private static Dictionary<DocumentInfo, List<UnitKey>> Place(List<InputFile> files, MeshSnapshot snapshot,
        TranslationResult result)
    {
        var placements = new Dictionary<DocumentInfo, List<UnitKey>>();
        var placed = new HashSet<UnitKey>();
        var wanted = result.Resources.Select(r => r.Unit).ToHashSet();
        foreach (var document in files.SelectMany(f => f.Documents))
        {
            var documentUnits = document.SmiObjects
                .SelectMany(o => snapshot.UnitsByInput.GetValueOrDefault(o.Ref, []));
            foreach (var unit in documentUnits.Distinct().Order())
            {
                if (wanted.Contains(unit) && placed.Add(unit))
                {
                    if (!placements.TryGetValue(document, out var units))
                    {
                        units = [];
                        placements[document] = units;
                    }

                    units.Add(unit);
                }
            }
        }

        return placements;
    }

    private static byte[] Render(InputFile file, Dictionary<DocumentInfo, List<UnitKey>> placements,
        TranslationResult result)
    {
        if (!file.Manifest || file.Documents.All(d => d.SmiObjects.Length == 0))
        {
            return file.Bytes;
        }

        var text = new StringBuilder();
        foreach (var document in file.Documents)
        {
            if (document.SmiObjects.Length == 0)
            {
                text.Append(document.Segment.Text);
                continue;
            }

            var units = placements.GetValueOrDefault(document, []);
            var generated = result.Resources.Where(r => units.Contains(r.Unit)).Select(r => r.ToJson()).ToList();
            if (file.Json)
            {
                text.Append(ToJson(generated));
                continue;
            }

            var comments = document.Segment.LeadingComments();
            if (generated.Count == 0 && comments.Length == 0)
            {
                continue;
            }

            text.Append(document.Segment.Separator.Length > 0 ? "---\n" : string.Empty).Append(comments);
            if (generated.Count > 0)
            {
                if (text.Length > 0 && text[^1] != '\n')
                {
                    text.Append('\n');
                }

                text.Append(ManifestWriter.ToYaml(generated));
            }
        }

        if (text.Length == 0)
        {
            text.Append("# Every SMI object of this file was "
                + "migrated; see ").Append(MigrationResult.ReportFileName).Append('\n');
        }

        var body = Utf8.GetBytes(text.ToString());
        return file.Bom ? [.. Encoding.UTF8.Preamble, .. body] : body;
    }

    private static string ToJson(List<JsonObject> objects)
    {
        JsonNode node = objects.Count == 1
            ? objects[0]
            : new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = new JsonArray([.. objects]) };
        return node.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>
    /// YAML that is not a Kubernetes object (kustomization files, Helm values) is common in a repository and is kept
    /// as it is, so it is a note rather than an error.
    /// </summary>
    private static Diagnostic AsMigrationDiagnostic(Diagnostic diagnostic) =>
        diagnostic.Reason == MalformedManifest
            ? Diagnostic.Info(NotAManifest, diagnostic.Object, diagnostic.FieldPath,
                "the document has no apiVersion and kind, so it is not a Kubernetes object; it is kept "
                + "as it is") with { Location = diagnostic.Location }
            : diagnostic;

    private static SourceLocation Shift(SourceLocation location, int lines) =>
        location with { Line = location.Line + lines };

    /// <summary>A file of the input.</summary>
    private sealed class InputFile(string relative, byte[] bytes, bool manifest, bool json, bool bom)
    {
        public string Relative { get; } = relative;

        public string Output => Relative;

        public byte[] Bytes { get; } = bytes;

        public bool Manifest { get; } = manifest;

        public bool Json { get; } = json;

        public bool Bom { get; } = bom;

        public string? Text { get; init; }

        /// <summary>For a symbolic link inside the input tree: its target, written again as a link.</summary>
        public string? LinkTarget { get; init; }

        public IReadOnlyList<ManifestSegment> Segments { get; set; } = [];

        public List<DocumentInfo> Documents { get; } = [];
    }

    /// <summary>One document of a file and the SMI objects it holds.</summary>
    private sealed class DocumentInfo(InputFile file, ManifestSegment segment, ImmutableArray<LoadedObject> smiObjects)
    {
        public InputFile File { get; } = file;

        public ManifestSegment Segment { get; } = segment;

        public ImmutableArray<LoadedObject> SmiObjects { get; } = smiObjects;
    }
}
