import type { Locator, Page } from 'playwright-core';

/** How long the UI may take to show what the bot sent (proactive sends go through the outbox and the scheduler). */
export const BOT_ANSWER_TIMEOUT_MS = 30_000;

/**
 * The Agents Playground's web client, driven as a user drives it: clicking chats in the side bar, typing into the
 * compose box, picking the @mention suggestion, clicking card buttons. Selectors are the ones a user can see
 * (roles, labels, texts); the Playground's CSS class names are generated and change between versions.
 */
export class PlaygroundUi {
  constructor(readonly page: Page) {}

  /** Opens a chat or channel from the side bar by (part of) its name: 'Personal Chat', 'General', 'Projekte', the group chat's name. */
  async open(chat: string): Promise<void> {
    await this.page.getByRole('treeitem', { name: chat }).click();
    await this.composeBox().waitFor();
  }

  /** The compose box of the chat that is open (in a channel: the box of a new post). */
  composeBox(): Locator {
    return this.page.locator('[contenteditable=true][role=textbox]').first();
  }

  /** Types a message into the open chat and sends it with Enter. */
  async send(text: string): Promise<void> {
    await this.composeBox().click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /**
   * Starts a new post in the open channel that @mentions the bot: types `@` and the start of its name, clicks
   * the suggestion, writes the text and clicks Post.
   */
  async postMentioning(botName: string, text: string): Promise<void> {
    await this.composeBox().click();
    await this.page.keyboard.type(`@${botName.slice(0, 3)}`);
    await this.page.getByRole('menuitem', { name: botName }).click();
    await this.page.keyboard.type(` ${text}`);
    await this.page.getByRole('button', { name: 'Post', exact: true }).click();
  }

  /** Every Adaptive Card shown in the open chat, oldest first. */
  cards(): Locator {
    return this.page.locator('.ac-adaptiveCard');
  }

  /** The cards whose text contains `text`. */
  cardWith(text: string): Locator {
    return this.cards().filter({ hasText: text });
  }

  /** A channel post (with its replies) whose text contains `text`. */
  post(text: string): Locator {
    return this.page.getByRole('group').filter({ hasText: text });
  }

  /** Waits until something matching the locator is shown, at most {@link BOT_ANSWER_TIMEOUT_MS}. */
  async shown(locator: Locator): Promise<Locator> {
    await locator.first().waitFor({ timeout: BOT_ANSWER_TIMEOUT_MS });
    return locator.first();
  }
}
