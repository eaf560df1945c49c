import type { VNode } from 'preact';
import type { ArticleInline } from '../inline-form.js';
import { PassagePanel, type PassageChoiceProps } from './PassageViews.js';

/** The form's passage choice and the `?passage=` panel, as the discussion section places them. */
export function inlineParts(
  inline: ArticleInline,
  articlePath: string,
): { choice: PassageChoiceProps; panel: VNode | null } {
  return {
    choice: inline.choice,
    panel: inline.panel ? <PassagePanel {...inline.panel} clearHref={`${articlePath}#comments`} /> : null,
  };
}
