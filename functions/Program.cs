using Opsg.Functions.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(HostAddress.Url(builder.Configuration));
builder.Services.AddOpsg(builder.Configuration);

var app = builder.Build();
app.UseOpsg();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
