using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace ElBasar.Web.Infrastructure.Email;

public static class EmailModule
{
    /// <summary>Registers the outbox, the sender chosen by <c>Email:Mode</c> and the dispatcher (section <c>Email</c>).</summary>
    public static IServiceCollection AddElBasarEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();

        services.AddSingleton<IInterceptor>(OutboxSaveInterceptor.Instance);
        services.AddScoped<Outbox>();

        services.AddSingleton<PickupDirectorySender>();
        services.AddSingleton<SmtpEmailSender>();
        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.Mode == EmailMode.Smtp
            ? sp.GetRequiredService<SmtpEmailSender>()
            : sp.GetRequiredService<PickupDirectorySender>());

        services.AddSingleton<IOutboxClaims>(sp => sp.GetRequiredService<DatabaseInfo>().IsSqlite
            ? new SqliteOutboxClaims()
            : new PostgreSqlOutboxClaims());
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }
}
