namespace Smi.Testing.ApiServer;

/// <summary>One reason an object is invalid: the field path (<c>spec.backends[0].weight</c>) and a message.</summary>
/// <param name="Path">The field path, without a leading dot.</param>
/// <param name="Message">What is wrong.</param>
public sealed record FieldViolation(string Path, string Message);
