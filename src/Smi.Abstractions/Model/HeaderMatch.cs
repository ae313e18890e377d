namespace Smi.Abstractions.Model;

/// <summary>A header condition of a <see cref="RouteMatch"/>.</summary>
/// <param name="Name">The header name as written.</param>
/// <param name="ValueRegex">A regex the whole header value must match.</param>
public sealed record HeaderMatch(string Name, string ValueRegex);
