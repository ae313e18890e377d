namespace Smi.Kube.Api;

/// <summary>What one list request asks for: a label selector, a page size and where the previous page ended.</summary>
/// <param name="LabelSelector">The label selector; null for all objects.</param>
/// <param name="Limit">The most items to return; null for all.</param>
/// <param name="Continue">The previous page's continue token; null for the first page.</param>
internal sealed record ListPage(string? LabelSelector, int? Limit, string? Continue);
