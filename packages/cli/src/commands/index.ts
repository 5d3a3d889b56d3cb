import type { CommandSpec } from '../command.js';
import { planShowCommand } from './plan-show.js';
import { validateCommand } from './validate.js';

/** Every built-in command, in the order `kepu --help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [planShowCommand, validateCommand];
