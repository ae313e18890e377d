namespace Smi.Abstractions.Diagnostics;

/// <summary>
/// The stable reason codes (<see cref="Diagnostic.Reason"/>) that more than one part reports: reading, converting and
/// validating SMI input, the translation steps every mesh shares, the controller and the command line. A mesh
/// adapter declares only its own codes in its <c>{Mesh}Reasons</c> class and uses these for the rest.
/// </summary>
public static class SmiReasons
{
    // Reading input
    /// <summary>A document is not valid YAML, or its YAML does not fit the object it declares.</summary>
    public const string MalformedYaml = "MalformedYaml";

    /// <summary>A document is not a mapping with <c>apiVersion</c>, <c>kind</c> and <c>metadata</c>.</summary>
    public const string MalformedManifest = "MalformedManifest";

    /// <summary>A manifest has no <c>metadata.name</c>.</summary>
    public const string MissingName = "MissingName";

    /// <summary>A field holds a value of the wrong type or shape for its kind.</summary>
    public const string InvalidField = "InvalidField";

    /// <summary>An HTTPRouteGroup's headers are neither a map nor a list of one-entry maps.</summary>
    public const string InvalidHeaders = "InvalidHeaders";

    /// <summary>A manifest has a field its kind does not define; the field is ignored.</summary>
    public const string UnknownField = "UnknownField";

    /// <summary>An SMI kind is written in an API version that does not exist.</summary>
    public const string UnknownApiVersion = "UnknownApiVersion";

    /// <summary>A Kubernetes object plays no part in SMI translation and is skipped.</summary>
    public const string IgnoredKind = "IgnoredKind";

    /// <summary>A path given as input is neither a file nor a folder.</summary>
    public const string FileNotFound = "FileNotFound";

    /// <summary>A file is not valid UTF-8 text.</summary>
    public const string InvalidUtf8 = "InvalidUtf8";

    /// <summary>A path is a FIFO, socket or device; only regular files are read.</summary>
    public const string NotARegularFile = "NotARegularFile";

    /// <summary>A folder is nested deeper than the reader follows.</summary>
    public const string FolderTooDeep = "FolderTooDeep";

    /// <summary>A file or folder cannot be read.</summary>
    public const string UnreadableFile = "UnreadableFile";

    /// <summary>A symbolic link points outside the input folder and is not followed.</summary>
    public const string LinkLeavesInput = "LinkLeavesInput";

    /// <summary>A file is larger than the per-file size limit.</summary>
    public const string FileTooLarge = "FileTooLarge";

    /// <summary>The input as a whole passes its size limit.</summary>
    public const string InputTooLarge = "InputTooLarge";

    /// <summary>The same object appears more than once in the input; the last one read wins.</summary>
    public const string DuplicateObject = "DuplicateObject";

    /// <summary>A document has no <c>apiVersion</c> and <c>kind</c>, so it is not a Kubernetes object.</summary>
    public const string NotAManifest = "NotAManifest";

    /// <summary>A document is kustomize's own configuration, not a Kubernetes object; it is skipped.</summary>
    public const string KustomizeFile = "KustomizeFile";

    /// <summary>A document is a Helm chart's <c>Chart.yaml</c>, not a Kubernetes object; it is skipped.</summary>
    public const string HelmChart = "HelmChart";


    // Converting between SMI versions
    /// <summary>A TrafficTarget rule names a kind its API version does not allow.</summary>
    public const string InvalidRuleKind = "InvalidRuleKind";

    /// <summary>A TrafficTarget subject names a kind its API version does not allow.</summary>
    public const string InvalidSubjectKind = "InvalidSubjectKind";

    /// <summary>Converting an object to another SMI version drops something the target version cannot hold.</summary>
    public const string LossyConversion = "LossyConversion";

    /// <summary>Converting to a version of whole-number weights multiplied every weight by a power of ten.</summary>
    public const string WeightsRescaled = "WeightsRescaled";


    // Validating SMI objects
    /// <summary>A required field is missing or empty.</summary>
    public const string MissingField = "MissingField";

    /// <summary>A TrafficTarget has no source.</summary>
    public const string NoSources = "NoSources";

    /// <summary>A TrafficTarget has no rule.</summary>
    public const string NoRules = "NoRules";

    /// <summary>An IdentityBinding a TrafficTarget names is not in the input.</summary>
    public const string IdentityBindingNotFound = "IdentityBindingNotFound";

    /// <summary>
    /// A route (HTTPRouteGroup, TCPRoute or UDPRoute) a TrafficTarget rule names is not in the input.
    /// </summary>
    public const string RouteNotFound = "RouteNotFound";

    /// <summary>A TrafficTarget rule names a match its HTTPRouteGroup does not have.</summary>
    public const string RouteMatchNotFound = "RouteMatchNotFound";

    /// <summary>A rule lists matches on a route kind that has none; they are ignored.</summary>
    public const string MatchesIgnored = "MatchesIgnored";

    /// <summary>A TrafficTarget's destination is in another namespace than the TrafficTarget.</summary>
    public const string DestinationNamespaceMismatch = "DestinationNamespaceMismatch";

    /// <summary>An IdentityBinding sets more than one identity scheme.</summary>
    public const string ConflictingSchemes = "ConflictingSchemes";

    /// <summary>An IdentityBinding sets no identity scheme.</summary>
    public const string NoSchemes = "NoSchemes";

    /// <summary>An HTTPRouteGroup has no matches, so rules and splits that name it match nothing.</summary>
    public const string NoMatches = "NoMatches";

    /// <summary>Two matches of one HTTPRouteGroup have the same name.</summary>
    public const string DuplicateMatchName = "DuplicateMatchName";

    /// <summary>A path or header regex uses syntax that not every mesh's regex engine accepts.</summary>
    public const string UnsupportedRegex = "UnsupportedRegex";

    /// <summary>An HTTPRouteGroup match names an HTTP method that does not exist.</summary>
    public const string InvalidMethod = "InvalidMethod";

    /// <summary>A port is outside 1-65535.</summary>
    public const string InvalidPort = "InvalidPort";

    /// <summary>A Service a TrafficSplit names is not in the input.</summary>
    public const string ServiceNotFound = "ServiceNotFound";

    /// <summary>A TrafficSplit has no backend.</summary>
    public const string NoBackends = "NoBackends";

    /// <summary>A TrafficSplit lists the same backend twice.</summary>
    public const string DuplicateBackend = "DuplicateBackend";

    /// <summary>A TrafficSplit backend is its own root Service.</summary>
    public const string BackendIsRoot = "BackendIsRoot";

    /// <summary>A backend weight is negative, fractional where its version wants integers, or not a number.</summary>
    public const string InvalidWeight = "InvalidWeight";

    /// <summary>Every backend of a TrafficSplit has weight 0.</summary>
    public const string AllWeightsZero = "AllWeightsZero";

    /// <summary>A TrafficSplit match names a kind other than HTTPRouteGroup.</summary>
    public const string InvalidMatchKind = "InvalidMatchKind";

    /// <summary>An HTTPRouteGroup a TrafficSplit match names is not in the input.</summary>
    public const string RouteGroupNotFound = "RouteGroupNotFound";

    /// <summary>A TrafficSplit has more backends than SMI's bounds or a route rule's backendRefs allow.</summary>
    public const string TooManyBackends = "TooManyBackends";

    /// <summary>A name is not a valid Kubernetes name.</summary>
    public const string InvalidName = "InvalidName";

    /// <summary>A list holds more items than its CRD allows.</summary>
    public const string TooManyItems = "TooManyItems";

    /// <summary>A string is longer than its CRD allows.</summary>
    public const string ValueTooLong = "ValueTooLong";


    // Translating, every mesh
    /// <summary>Different outputs have the same API group, kind, namespace and name; all of them are dropped.</summary>
    public const string OutputNameConflict = "OutputNameConflict";

    /// <summary>A source is a pod subset smaller than the service accounts a mesh can name.</summary>
    public const string SourcePodSubset = "SourcePodSubset";

    /// <summary>The destination is a pod subset on a mesh that protects whole services.</summary>
    public const string DestinationPodSubset = "DestinationPodSubset";

    /// <summary>
    /// The destination's workloads resolve a grant's ports differently on a mesh that cannot tell them apart.
    /// </summary>
    public const string PortsDifferByWorkload = "PortsDifferByWorkload";

    /// <summary>
    /// The destination's workloads resolve a grant's ports differently; one policy per workload is generated.
    /// </summary>
    public const string PolicyPerWorkload = "PolicyPerWorkload";

    /// <summary>The root Service of a TrafficSplit is not in the input, so its ports are unknown.</summary>
    public const string RootServiceNotFound = "RootServiceNotFound";

    /// <summary>The root Service of a TrafficSplit is headless; mesh routes bind to a Service's cluster IP.</summary>
    public const string HeadlessRootService = "HeadlessRootService";

    /// <summary>
    /// TrafficSplits on one root conflict (several without matches, or several matching the same HTTPRouteGroup);
    /// only the first is translated.
    /// </summary>
    public const string ConflictingSplits = "ConflictingSplits";

    /// <summary>A root Service port is not TCP (UDP or SCTP), so it is not split.</summary>
    public const string NonTcpRootPort = "NonTcpRootPort";

    /// <summary>
    /// An A/B TrafficSplit on a root port (or a root whose every port) carries opaque TCP, where HTTP matches cannot
    /// apply.
    /// </summary>
    public const string MatchesOnTcpPort = "MatchesOnTcpPort";

    /// <summary>A backend Service lacks a port of the root Service; it is left out of that port's route.</summary>
    public const string BackendPortMissing = "BackendPortMissing";

    /// <summary>No backend with a positive weight is left for a root port; the split is not applied there.</summary>
    public const string NoBackendForPort = "NoBackendForPort";

    /// <summary>Weights were scaled down to fit the 1,000,000 limit of Gateway API backendRefs.</summary>
    public const string WeightsScaled = "WeightsScaled";

    /// <summary>Weights were rounded to the mesh's granularity, so backend shares moved.</summary>
    public const string WeightsRounded = "WeightsRounded";

    /// <summary>A positive weight became zero after scaling or rounding.</summary>
    public const string WeightRoundedToZero = "WeightRoundedToZero";

    /// <summary>A backend's share moved by more than half a percentage point when weights were made integers.</summary>
    public const string WeightShareChanged = "WeightShareChanged";

    /// <summary>An HTTPRouteGroup match cannot be written as a Gateway API HTTPRoute match.</summary>
    public const string UnsupportedMatch = "UnsupportedMatch";

    /// <summary>A route would exceed the rule or match limits of the HTTPRoute CRD.</summary>
    public const string TooManyMatches = "TooManyMatches";

    /// <summary>No workload in the input runs as a TrafficTarget's destination identity.</summary>
    public const string DestinationWorkloadsNotFound = "DestinationWorkloadsNotFound";

    /// <summary>A TCPRoute rule names no port of the destination (missing route, unresolved port).</summary>
    public const string RuleResolvesToNoPort = "RuleResolvesToNoPort";

    /// <summary>An HTTPRouteGroup rule selects no match (missing group, or a group without matches).</summary>
    public const string RuleMatchesNothing = "RuleMatchesNothing";

    /// <summary>A UDPRoute rule on a mesh that neither proxies nor authorizes UDP by route.</summary>
    public const string UdpRouteUnsupported = "UdpRouteUnsupported";

    /// <summary>
    /// No label set selects the destination's pods and no others, so a mesh policy selecting them by labels would
    /// cover other workloads too; nothing is generated for them.
    /// </summary>
    public const string DestinationSelectorNotExclusive = "DestinationSelectorNotExclusive";

    /// <summary>
    /// A source or destination identity stands for nothing the mesh can name (no service account, and on a mesh that
    /// takes them, no SPIFFE identity).
    /// </summary>
    public const string IdentityNotResolved = "IdentityNotResolved";

    /// <summary>
    /// An IdentityBinding's SPIFFE identities are left out on a mesh that names service accounts only; its service
    /// accounts still count.
    /// </summary>
    public const string SpiffeIdentityUnsupported = "SpiffeIdentityUnsupported";

    /// <summary>
    /// Access grants exist but the default-deny option is off, so traffic no TrafficTarget allows is not denied as SMI
    /// asks.
    /// </summary>
    public const string DefaultDenyDisabled = "DefaultDenyDisabled";


    // Controller and command line
    /// <summary>An SMI object read from the cluster could not be decoded.</summary>
    public const string InvalidObject = "InvalidObject";

    /// <summary>The translation of a unit failed unexpectedly; its outputs are left as they are.</summary>
    public const string TranslationFailed = "TranslationFailed";

    /// <summary>The API server refused an output.</summary>
    public const string OutputRejected = "OutputRejected";

    /// <summary>An output's name is taken by an object the controller does not manage.</summary>
    public const string OutputNameTaken = "OutputNameTaken";

    /// <summary>An output is being deleted and cannot be applied until it is gone.</summary>
    public const string OutputTerminating = "OutputTerminating";

    /// <summary>The CRD of an output kind is gone from the cluster.</summary>
    public const string OutputKindRemoved = "OutputKindRemoved";

    /// <summary>The cluster serves no version of an output kind that the adapter writes.</summary>
    public const string OutputKindNotServed = "OutputKindNotServed";

    /// <summary>The controller lacks a permission it needs to read its input or write its outputs.</summary>
    public const string PermissionMissing = "PermissionMissing";

    /// <summary>A namespace is being deleted; its SMI objects are not translated.</summary>
    public const string NamespaceTerminating = "NamespaceTerminating";

    /// <summary>The credentials may not list Namespaces, so selectors on namespace labels match nothing.</summary>
    public const string NamespacesUnreadable = "NamespacesUnreadable";

    /// <summary>An object carries the opt-out annotation and is not translated.</summary>
    public const string SkippedByAnnotation = "SkippedByAnnotation";

    /// <summary>A generated object does not satisfy its mesh's CRD schema.</summary>
    public const string CrdSchemaViolation = "CrdSchemaViolation";

    /// <summary>An SMI kind has no version of the name asked for.</summary>
    public const string VersionNotAvailable = "VersionNotAvailable";
}
