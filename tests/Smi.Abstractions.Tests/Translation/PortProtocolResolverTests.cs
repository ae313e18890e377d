using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;

namespace Smi.Abstractions.Tests.Translation;

public sealed class PortProtocolResolverTests
{
    [Theory]
    [InlineData("http", 8080, "TCP", null, ServicePortProtocol.Http)]
    [InlineData("http2-api", 8080, "TCP", null, ServicePortProtocol.Http2)]
    [InlineData("grpc-web", 8080, "TCP", null, ServicePortProtocol.Grpc)]
    [InlineData("grpc", 9090, "TCP", null, ServicePortProtocol.Grpc)]
    [InlineData("tcp-sql", 9000, "TCP", null, ServicePortProtocol.Tcp)]
    [InlineData("tls-upstream", 8443, "TCP", null, ServicePortProtocol.Tls)]
    [InlineData("udp-stats", 8125, "TCP", null, ServicePortProtocol.NotTcp)]
    [InlineData("dns", 53, "UDP", null, ServicePortProtocol.NotTcp)]
    [InlineData("web", 80, "TCP", "kubernetes.io/h2c", ServicePortProtocol.Http2)]
    [InlineData("http", 80, "TCP", "tcp", ServicePortProtocol.Tcp)]
    [InlineData("db", 7000, "TCP", "postgresql", ServicePortProtocol.Tcp)]
    [InlineData("main", 5432, "TCP", null, ServicePortProtocol.Tcp)]
    [InlineData("cache", 6379, "", null, ServicePortProtocol.Tcp)]
    [InlineData("dns-tcp", 53, "TCP", null, ServicePortProtocol.Tcp)]
    [InlineData("main", 8080, "TCP", null, ServicePortProtocol.Undeclared)]
    [InlineData(null, 8080, "TCP", null, ServicePortProtocol.Undeclared)]
    public void Resolve_FollowsProtocolNameAndWellKnownPorts(
        string? name, int port, string protocol, string? appProtocol, ServicePortProtocol expected) =>
        Assert.Equal(expected, PortProtocolResolver.Resolve(new ServicePortInfo(name, port, null, protocol, appProtocol)));

    [Theory]
    [InlineData(ServicePortProtocol.Undeclared, true)]
    [InlineData(ServicePortProtocol.Grpc, true)]
    [InlineData(ServicePortProtocol.Tcp, false)]
    [InlineData(ServicePortProtocol.Tls, false)]
    [InlineData(ServicePortProtocol.NotTcp, false)]
    public void CarriesHttp_OnlyForHttpFamilyAndSniffedPorts(ServicePortProtocol protocol, bool expected) =>
        Assert.Equal(expected, PortProtocolResolver.CarriesHttp(protocol));
}
