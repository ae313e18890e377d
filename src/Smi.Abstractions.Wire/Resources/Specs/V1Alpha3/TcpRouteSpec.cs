namespace Smi.Abstractions.Resources.Specs.V1Alpha3;

/// <summary>The spec of a v1alpha3 TCPRoute: empty (<c>spec: {}</c>); ports came in v1alpha4.</summary>
public sealed class TcpRouteSpec
{
}
