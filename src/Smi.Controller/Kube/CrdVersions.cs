namespace Smi.Controller.Kube;

/// <summary>What a CustomResourceDefinition says about its versions.</summary>
/// <param name="Served">The served versions.</param>
/// <param name="WithStatus">The served versions with a status subresource.</param>
internal sealed record CrdVersions(IReadOnlySet<string> Served, IReadOnlySet<string> WithStatus);
