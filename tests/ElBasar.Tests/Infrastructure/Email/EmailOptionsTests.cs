using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Email;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ElBasar.Tests.Infrastructure.Email;

public sealed class EmailOptionsTests
{
    static IHost Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddElBasarData(configuration);
        builder.Services.AddElBasarEmail(configuration);
        return builder.Build();
    }

    [Fact]
    public void Without_settings_mail_goes_to_the_pickup_folder()
    {
        using var host = Build(new() { ["Email:DispatcherEnabled"] = "false" });

        var options = host.Services.GetRequiredService<IOptions<EmailOptions>>().Value;

        Assert.Equal((EmailMode.Pickup, "data/mail", "elbasar@localhost", 5), (options.Mode, options.PickupDirectory, options.From, options.PollSeconds));
        Assert.IsType<PickupDirectorySender>(host.Services.GetRequiredService<IEmailSender>());
        Assert.IsType<SqliteOutboxClaims>(host.Services.GetRequiredService<IOutboxClaims>());
    }

    [Theory]
    [InlineData("smtp", null, null, "Email:Smtp:Host is required")]
    [InlineData("SMTP", "relay.example.org", "abc", "Email:From is not an e-mail address")]
    [InlineData("pickup", null, "", "Email:From is not an e-mail address")]
    public async Task A_wrong_setting_stops_the_start_with_its_key(string mode, string? host, string? from, string expected)
    {
        using var app = Build(new()
        {
            ["Email:Mode"] = mode,
            ["Email:Smtp:Host"] = host,
            ["Email:From"] = from,
            ["Email:DispatcherEnabled"] = "false",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task Smtp_mode_with_a_host_starts()
    {
        using var app = Build(new()
        {
            ["Email:Mode"] = "smtp",
            ["Email:Smtp:Host"] = "relay.example.org",
            ["Email:Smtp:Port"] = "587",
            ["Email:Smtp:EnableSsl"] = "true",
            ["Email:DispatcherEnabled"] = "false",
        });

        await app.StartAsync();

        Assert.IsType<SmtpEmailSender>(app.Services.GetRequiredService<IEmailSender>());
        await app.StopAsync();
    }
}
