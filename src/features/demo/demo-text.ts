/** Words for demo content; deterministic so screenshots and tests are stable. */
export const FIRST_NAMES = ['Ana', 'Bruno', 'Chloé', 'Dmitri', 'Esi', 'Farid', 'Grace', 'Hiro', 'Inès', 'Jonas', 'Kwame', 'Lena', 'Mateo', 'Nadia', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tala', 'Uri', 'Vera', 'Wen', 'Yusuf', 'Zoë'];
export const LAST_NAMES = ['Almeida', 'Becker', 'Costa', 'Dubois', 'Eze', 'Fischer', 'García', 'Haddad', 'Ivanova', 'Jensen', 'Kim', 'Lopes', 'Mensah', 'Novak', 'Okafor', 'Petrov'];
export const COMMENT_LINES = [
  'This is the clearest explanation of the budget I have read anywhere.',
  'I live two streets from the depot and the noise at night is exactly as described.',
  'Could you publish the full dataset behind the chart? I would like to check the 2019 figures.',
  'Thank you for covering this. Nobody else did.',
  'I disagree with the framing: the council had little choice given the funding cuts.',
  'The point about bus frequency is important. Fewer buses means fewer riders, which means fewer buses.',
  'My grandmother worked at the old mill; glad to see it remembered.',
  'Small correction: the bridge opened in 1987, not 1978.',
  'Are there plans for a follow-up once the inquiry reports?',
  'Renewed my monthly support after reading this.',
  'The infographic made it click for me — thanks to whoever drew it.',
  'We need more reporting like this from the outer districts.',
  'I was at that meeting. The quotes are accurate.',
  'What about cyclists? They are barely mentioned.',
  'Great piece, but the headline oversells it a little.',
];
export const REPLY_LINES = [
  'Good point — I had not thought of that.',
  'Not sure that follows. The numbers in the second chart say otherwise.',
  'Agreed, and the same happened in 2016.',
  'Do you have a source for that?',
  'The article links the council minutes in the third paragraph.',
  'This. Exactly this.',
  'I think you are both right, to a degree.',
  'Respectfully, that is not what the report says.',
];
