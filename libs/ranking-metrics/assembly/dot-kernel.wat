;; Dot kernel (see block-scorer.ts): the dot products of 4 users with every item of `groups` item groups,
;; for evaluation by full ranking. Items are stored in groups of 8, transposed ([group][dim][8]), and the 4
;; users interleaved ([dim][4]), so each step multiplies one coordinate of each user (a splat) by that
;; coordinate of 8 items (two f32x4) and no horizontal sums are needed. About 4x the scalar JS loop.
(module
  ;; A plain memory (not shared, no maximum): each BlockScorer owns one.
  (import "env" "memory" (memory 1))

  ;; For the 4 users at `users` ([dim][4] f32) and the item groups at `items` ([groups][dim][8] f32), writes
  ;; out[j·rowStrideBytes/4 + 8g + l] = user j · item 8g+l (byte addresses; `dim` ≥ 1).
  (func (export "dots")
    (param $users i32) (param $items i32) (param $out i32) (param $groups i32) (param $dim i32)
    (param $rowStrideBytes i32)
    (local $user i32) (local $k i32) (local $rowBytes2 i32) (local $rowBytes3 i32)
    (local $x v128) (local $y v128) (local $s v128)
    (local $low0 v128) (local $low1 v128) (local $low2 v128) (local $low3 v128)
    (local $high0 v128) (local $high1 v128) (local $high2 v128) (local $high3 v128)
    (local.set $rowBytes2 (i32.shl (local.get $rowStrideBytes) (i32.const 1)))
    (local.set $rowBytes3 (i32.add (local.get $rowBytes2) (local.get $rowStrideBytes)))
    (block $done
      (loop $nextGroup
        (br_if $done (i32.eqz (local.get $groups)))
        ;; Dimension 0 sets the accumulators (low: items 0-3 of the group, high: items 4-7) ...
        (local.set $user (local.get $users))
        (local.set $x (v128.load (local.get $items)))
        (local.set $y (v128.load offset=16 (local.get $items)))
        (local.set $s (v128.load32_splat (local.get $user)))
        (local.set $low0 (f32x4.mul (local.get $s) (local.get $x)))
        (local.set $high0 (f32x4.mul (local.get $s) (local.get $y)))
        (local.set $s (v128.load32_splat offset=4 (local.get $user)))
        (local.set $low1 (f32x4.mul (local.get $s) (local.get $x)))
        (local.set $high1 (f32x4.mul (local.get $s) (local.get $y)))
        (local.set $s (v128.load32_splat offset=8 (local.get $user)))
        (local.set $low2 (f32x4.mul (local.get $s) (local.get $x)))
        (local.set $high2 (f32x4.mul (local.get $s) (local.get $y)))
        (local.set $s (v128.load32_splat offset=12 (local.get $user)))
        (local.set $low3 (f32x4.mul (local.get $s) (local.get $x)))
        (local.set $high3 (f32x4.mul (local.get $s) (local.get $y)))
        (local.set $items (i32.add (local.get $items) (i32.const 32)))
        (local.set $user (i32.add (local.get $user) (i32.const 16)))
        ;; ... the other dimensions add to them.
        (local.set $k (i32.sub (local.get $dim) (i32.const 1)))
        (block $lastDimension
          (loop $nextDimension
            (br_if $lastDimension (i32.eqz (local.get $k)))
            (local.set $x (v128.load (local.get $items)))
            (local.set $y (v128.load offset=16 (local.get $items)))
            (local.set $s (v128.load32_splat (local.get $user)))
            (local.set $low0 (f32x4.add (f32x4.mul (local.get $s) (local.get $x)) (local.get $low0)))
            (local.set $high0 (f32x4.add (f32x4.mul (local.get $s) (local.get $y)) (local.get $high0)))
            (local.set $s (v128.load32_splat offset=4 (local.get $user)))
            (local.set $low1 (f32x4.add (f32x4.mul (local.get $s) (local.get $x)) (local.get $low1)))
            (local.set $high1 (f32x4.add (f32x4.mul (local.get $s) (local.get $y)) (local.get $high1)))
            (local.set $s (v128.load32_splat offset=8 (local.get $user)))
            (local.set $low2 (f32x4.add (f32x4.mul (local.get $s) (local.get $x)) (local.get $low2)))
            (local.set $high2 (f32x4.add (f32x4.mul (local.get $s) (local.get $y)) (local.get $high2)))
            (local.set $s (v128.load32_splat offset=12 (local.get $user)))
            (local.set $low3 (f32x4.add (f32x4.mul (local.get $s) (local.get $x)) (local.get $low3)))
            (local.set $high3 (f32x4.add (f32x4.mul (local.get $s) (local.get $y)) (local.get $high3)))
            (local.set $items (i32.add (local.get $items) (i32.const 32)))
            (local.set $user (i32.add (local.get $user) (i32.const 16)))
            (local.set $k (i32.sub (local.get $k) (i32.const 1)))
            (br $nextDimension)))
        ;; Row j of the output gets user j's 8 scores of this group.
        (v128.store (local.get $out) (local.get $low0))
        (v128.store offset=16 (local.get $out) (local.get $high0))
        (v128.store (i32.add (local.get $out) (local.get $rowStrideBytes)) (local.get $low1))
        (v128.store offset=16 (i32.add (local.get $out) (local.get $rowStrideBytes)) (local.get $high1))
        (v128.store (i32.add (local.get $out) (local.get $rowBytes2)) (local.get $low2))
        (v128.store offset=16 (i32.add (local.get $out) (local.get $rowBytes2)) (local.get $high2))
        (v128.store (i32.add (local.get $out) (local.get $rowBytes3)) (local.get $low3))
        (v128.store offset=16 (i32.add (local.get $out) (local.get $rowBytes3)) (local.get $high3))
        (local.set $out (i32.add (local.get $out) (i32.const 32)))
        (local.set $groups (i32.sub (local.get $groups) (i32.const 1)))
        (br $nextGroup)))))
