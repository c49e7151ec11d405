package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line registers only the subcommand an invocation names; nothing a user sees may change with that. */
class MainSubcommandsTest {

    @Test
    void registersTheNamedSubcommandOnly() {
        assertEquals(List.of(RunCommand.class), Main.subcommandsFor("run", "configs/quickstart.yaml", "--set", "rounds=2"));
        assertEquals(List.of(RunCommand.class), Main.subcommandsFor("--debug", "run"));
        assertEquals(List.of(BenchCommand.class), Main.subcommandsFor("bench", "scale", "--sizes", "1000"));
        assertEquals(List.of(DataCommand.class), Main.subcommandsFor("data", "fetch"));
    }

    @Test
    void registersAllWhenTheUserNeedsTheListOrASuggestion() {
        assertEquals(Main.SUBCOMMANDS, Main.subcommandsFor());
        assertEquals(Main.SUBCOMMANDS, Main.subcommandsFor("--help"));
        assertEquals(Main.SUBCOMMANDS, Main.subcommandsFor("--version"));
        assertEquals(Main.SUBCOMMANDS, Main.subcommandsFor("help", "run"));
        assertEquals(Main.SUBCOMMANDS, Main.subcommandsFor("rn"));
        assertEquals(Main.SUBCOMMANDS, Main.subcommandsFor("configs/quickstart.yaml", "run"));
    }

    @Test
    void aSubcommandAloneHasTheSameHelpAndNameAsAmongAll() {
        CommandLine all = new CommandLine(new Main());
        Main.SUBCOMMANDS.forEach(all::addSubcommand);
        assertEquals(16, all.getSubcommands().size());
        for (Class<?> subcommand : Main.SUBCOMMANDS) {
            if (subcommand == CommandLine.HelpCommand.class) {
                continue;
            }
            String name = subcommand.getAnnotation(CommandLine.Command.class).name();
            CommandLine alone = new CommandLine(new Main());
            Main.subcommandsFor(name).forEach(alone::addSubcommand);
            assertEquals(List.of(name), List.copyOf(alone.getSubcommands().keySet()));
            assertEquals(all.getSubcommands().get(name).getUsageMessage(), alone.getSubcommands().get(name).getUsageMessage(), name);
        }
    }

    @Test
    void aMistypedSubcommandIsStillMatchedAgainstAll() {
        CliHarness.Result typo = CliHarness.run("swep");
        assertEquals(Main.EXIT_BAD_INPUT, typo.exitCode());
        assertTrue(typo.err().contains("Did you mean: chainfl sweep"), typo.err());
    }

    @Test
    void theTopLevelHelpListsEverySubcommand() {
        CliHarness.Result help = CliHarness.run("--help");
        for (Class<?> subcommand : Main.SUBCOMMANDS) {
            String name = subcommand.getAnnotation(CommandLine.Command.class).name();
            assertTrue(help.out().contains("\n  " + name + " "), name + " in:\n" + help.out());
        }
    }
}
