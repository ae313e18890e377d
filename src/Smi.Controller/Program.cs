using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Smi.Controller.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.Configuration.AddEnvironmentVariables("SMI_");
builder.Configuration.AddCommandLine(args, CommandLine.SwitchMappings);
builder.Services.AddSmiController(builder.Configuration);
await builder.Build().RunAsync().ConfigureAwait(false);
