/**
 * What the match page's panels of one tandem (its meetings, its goals) know of it: where it is, the program's goal
 * areas (a meeting's topics, a goal's areas), whether the reader may manage it, and whether it has ended (then its
 * meetings and goals can be read, not added to).
 */
export interface TandemPanel {
  slug: string
  programId: string
  matchId: string
  goalAreas: readonly string[]
  canManage: boolean
  ended: boolean
}
