using System.Text.Json.Nodes;
using Smi.Abstractions.Crds;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

/// <summary>One unit that cannot be translated never stops the others, and says why on its own SMI objects.</summary>
[Collection(IntegrationTestCollection.Name)]
public sealed class FailureIsolationIntegrationTest(ITestOutputHelper output)
{
    private const string PoisonSplit = """
        apiVersion: v1
        kind: Service
        metadata: {name: poison, namespace: shop}
        spec:
          selector: {app: poison}
          ports: [{name: http, port: 80, targetPort: 8080}]
        ---
        apiVersion: split.smi-spec.io/v1alpha4
        kind: TrafficSplit
        metadata: {name: poison-split, namespace: shop}
        spec:
          service: poison
          backends:
          - service: poison-v1
            weight: WEIGHT
          - service: poison-v2
            weight: 1
        """;

    private const string WebSplit = """
        apiVersion: split.smi-spec.io/v1alpha4
        kind: TrafficSplit
        metadata: {name: web-canary, namespace: shop}
        spec:
          service: web
          backends:
          - service: web-v1
            weight: 50
          - service: web-v2
            weight: 50
        """;

    [Fact]
    public async Task A_Unit_Whose_Translation_Throws_Is_Reported_And_Retried_While_Others_Converge()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        Assert.NotNull(harness);
        var translator = new ThrowingTranslator(ControllerHarness.Istio(), UnitKey.ForSplitRoot("shop", "poison"));
        await harness.StartControllerAsync(translator: translator);
        harness.Apply(PoisonSplit.Replace("WEIGHT", "1", StringComparison.Ordinal));
        harness.ApplyFile("canary-basic");

        await Eventually.HoldsAsync(
            () => WebV2Weight(harness) == 10,
            "the healthy split gets its VirtualService");
        await Eventually.HoldsAsync(
            () => harness.Condition(Poison(harness), "Ready") == ("False", "TranslationFailed"),
            "the poisoned split reports Ready=False");
        Assert.Equal(("False", "TranslationFailed"), harness.Condition(Poison(harness), "Translated"));
        Assert.Null(harness.VirtualService("shop", "poison"));
        await Eventually.HoldsAsync(
            async () => (await harness.EventsAsync("shop", "poison-split"))
                .Any(e => e.Type == "Warning" && e.Reason == "TranslationFailed"),
            "a Warning event names the failure");
        var warning = (await harness.EventsAsync("shop", "poison-split")).First(e => e.Reason == "TranslationFailed");
        Assert.Contains("the translator broke", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", warning.Message, StringComparison.Ordinal);

        // The broken unit is retried on its own, with backoff, and the other units keep converging meanwhile.
        var throwsBefore = translator.Throws;
        await Eventually.HoldsAsync(() => translator.Throws >= throwsBefore + 2, "the broken unit is retried");
        harness.Apply(WebSplit);
        await Eventually.HoldsAsync(
            () => WebV2Weight(harness) == 50,
            "a change to the healthy split is applied while the other unit fails");
        var webCanary = harness.Smi("split.smi-spec.io/v1alpha4", "trafficsplits", "shop", "web-canary");
        Assert.Equal(("True", "Translated"), harness.Condition(webCanary, "Ready"));

        // Mended, the unit converges on its next retry without any change to its input.
        translator.Mended = true;
        await Eventually.HoldsAsync(
            () => harness.VirtualService("shop", "poison") is not null,
            "the mended unit is applied");
        await Eventually.HoldsAsync(
            () => harness.Condition(Poison(harness), "Ready") == ("True", "Translated"),
            "the mended split reports Ready");
    }

    [Fact]
    public async Task A_Split_Weight_Of_1e19_Does_Not_Stop_Other_Splits()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        Assert.NotNull(harness);
        var poison = PoisonSplit.Replace("WEIGHT", "10000000000000000000", StringComparison.Ordinal);
        var refused = Assert.Throws<InvalidOperationException>(() => harness.Apply(poison));
        Assert.Contains("spec.backends[0].weight", refused.Message, StringComparison.Ordinal);

        // A cluster with SMI's own CRDs (a weight is any number) lets it in: the controller is the last gate.
        var splitCrd = SmiCrdGenerator.Generate()
            .Single(c => (string?)c["metadata"]!["name"] == "trafficsplits.split.smi-spec.io");
        harness.Server.Seed(WithoutWeightBounds(splitCrd));
        var core = await harness.StartControllerAsync();
        harness.Apply(poison);
        harness.ApplyFile("canary-basic");

        await Eventually.HoldsAsync(
            () => WebV2Weight(harness) == 10,
            "the valid split gets its VirtualService");
        await Eventually.HoldsAsync(
            () => harness.Condition(Poison(harness), "Ready") == ("False", "InvalidWeight"),
            "the poisoned split reports Ready=False");
        Assert.Equal(("False", "InvalidWeight"), harness.Condition(Poison(harness), "Accepted"));
        Assert.Null(harness.VirtualService("shop", "poison"));
        await Eventually.HoldsAsync(
            async () => (await harness.EventsAsync("shop", "poison-split")).Any(e => e.Type == "Warning"),
            "a Warning event says what is wrong");

        harness.Apply(WebSplit);
        await Eventually.HoldsAsync(
            () => WebV2Weight(harness) == 50,
            "the valid split keeps converging");
        Assert.True(core.Passes > 0);
    }

    private static long WebV2Weight(ControllerHarness harness) =>
        ControllerHarness.Weights(harness.VirtualService("shop", "web"))
            .GetValueOrDefault("web-v2.shop.svc.cluster.local");

    private static JsonObject WithoutWeightBounds(JsonObject crd)
    {
        foreach (var node in Descendants(crd).OfType<JsonObject>().Where(IsNumberSchema).ToList())
        {
            node.Remove("minimum");
            node.Remove("maximum");
        }

        return crd;
    }

    private static bool IsNumberSchema(JsonObject schema) =>
        schema["type"] is JsonValue type && type.TryGetValue<string>(out var name) && name == "number";

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>().SelectMany(Descendants))
        {
            yield return child;
        }
    }

    private static JsonObject? Poison(ControllerHarness harness) =>
        harness.Smi("split.smi-spec.io/v1alpha4", "trafficsplits", "shop", "poison-split");

    /// <summary>The Istio translator, except that it throws whenever it is asked for one unit, until mended.</summary>
    private sealed class ThrowingTranslator(IMeshTranslator inner, UnitKey broken) : IMeshTranslator
    {
        private int _throws;
        private volatile bool _mended;

        public bool Mended
        {
            get => _mended;
            set => _mended = value;
        }

        public int Throws => Volatile.Read(ref _throws);

        public string Mesh => inner.Mesh;

        public TranslationResult Translate(MeshSnapshot snapshot, IReadOnlySet<UnitKey>? units = null)
        {
            var asked = units?.Contains(broken) ?? snapshot.Units.Any(u => u.Key == broken);
            if (asked && !Mended)
            {
                Interlocked.Increment(ref _throws);
                throw new InvalidOperationException("the translator broke");
            }

            return inner.Translate(snapshot, units);
        }
    }
}
